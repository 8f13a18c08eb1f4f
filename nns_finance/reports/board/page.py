"""The board's fee page as one self-contained HTML file (Bokeh, inline resources).

:func:`board_html` lays out the controls (fee year, rate, maximum fee, maximum increase and its
basis, members leaving, a scenario to load, a target income), the results (fees against the
budget, the scenarios side by side, the lowest rate reaching the target, the fee curve, the
income map, the member table) and hands ``board.js`` the figures of :mod:`.figures`. Bokeh's
JavaScript and CSS are written into the page (``bokeh.resources.INLINE``), so it opens from an
e-mail attachment with no network. Numbers are Swedish (``1 732 849 kr``, ``3,65 ‰``) with
no-break spaces and never wrap; the layout is one column that reads at 400 px.
"""
from __future__ import annotations

import html
import re
from importlib import resources

from bokeh.document import Document
from bokeh.embed import file_html
from bokeh.layouts import column
from bokeh.models import (
    Button, CheckboxGroup, ColorBar, ColumnDataSource, CustomJS, CustomJSTickFormatter, DataTable, Div,
    HoverTool, HTMLTemplateFormatter, InlineStyleSheet, Label, LinearColorMapper, MultiChoice, Select, Slider,
    TableColumn, TextInput
)
from bokeh.plotting import figure
from bokeh.resources import INLINE

from .figures import payload
from ...core.outputs import to_json

CSS = """
:host { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 15px; color: #1b1b1b; }
.kr { white-space: nowrap; }
table { border-collapse: collapse; margin: 4px 0 8px 0; }
th, td { padding: 3px 8px; border-bottom: 1px solid #e3e6ea; vertical-align: top; }
td { text-align: right; white-space: nowrap; }
thead th { text-align: right; background: #eef2f5; font-weight: 600; }
tbody th { text-align: left; font-weight: normal; }
tr.total th, tr.total td { font-weight: 600; border-top: 1.5px solid #555; }
table.side td { text-align: right; }
.scroll { overflow-x: auto; max-width: calc(100vw - 24px); }
.narrow { display: none; }
@media (max-width: 560px) {
  :host { font-size: 14px; }
  th, td { padding: 2px 4px; }
  .wide, table.sums .unit { display: none; }
  .narrow { display: block; }
}
.note { color: #555; font-size: 13px; }
.error { color: #b00020; font-weight: 600; }
.warn { color: #8a4b00; }
h1 { font-size: 22px; margin: 4px 0; }
h2 { font-size: 18px; margin: 14px 0 4px 0; }
p { margin: 4px 0; line-height: 1.4; }
ul { margin: 4px 0; padding-left: 20px; }
"""

GROUP_JS = "return String(Math.round(tick)).replace(/\\B(?=(\\d{3})+(?!\\d))/g, '\\u00a0');"
THOUSANDS_JS = "return String(Math.round(tick / 1000)).replace(/\\B(?=(\\d{3})+(?!\\d))/g, '\\u00a0');"
DECIMAL_JS = "return (Math.round(tick * 100) / 100).toString().replace('.', ',');"

MONEY_TEMPLATE = '<div style="text-align:right;white-space:nowrap"><%= {0} %></div>'


def _js() -> str:
    return resources.files(__package__).joinpath("board.js").read_text(encoding="utf-8")


def _div(text: str = "", sheet: InlineStyleSheet | None = None, **kw) -> Div:
    return Div(text=text, stylesheets=[sheet] if sheet else [], sizing_mode="stretch_width", **kw)


def _money_column(field: str, text_field: str, title: str, width: int) -> TableColumn:
    return TableColumn(field=field, title=title, width=width,
                       formatter=HTMLTemplateFormatter(template=MONEY_TEMPLATE.format(text_field)))


def _curve_figure(sheet) -> tuple:
    curve_src = ColumnDataSource({"x": [], "y": []})
    force_src = ColumnDataSource({"x": [], "y": []})
    dots_src = ColumnDataSource({"x": [], "y": [], "name": [], "base_t": [], "fee_t": [], "limit": []})
    fig = figure(height=340, sizing_mode="stretch_width", title="Serviceavgift mot underlaget",
                 x_axis_label="Underlag (tilldelning + matchning), miljoner kr", y_axis_label="Serviceavgift, kr",
                 tools="", toolbar_location=None)
    fig.line("x", "y", source=force_src, line_dash="dashed", color="#999999", line_width=1.5,
             legend_label="Gällande regler")
    fig.line("x", "y", source=curve_src, color="#1f5fa8", line_width=2.5, legend_label="Reglagen")
    dots = fig.scatter("x", "y", source=dots_src, size=7, color="#d2691e", alpha=0.8, legend_label="Medlemmar")
    fig.add_tools(HoverTool(renderers=[dots], tooltips=[("", "@name"), ("Underlag", "@base_t"),
                                                        ("Serviceavgift", "@fee_t"), ("Begränsning", "@limit")]))
    fig.yaxis.formatter = CustomJSTickFormatter(code=GROUP_JS)
    fig.xaxis.formatter = CustomJSTickFormatter(code=DECIMAL_JS)
    fig.legend.location = "top_left"
    fig.legend.label_text_font_size = "10px"
    fig.legend.glyph_width = 16
    fig.legend.padding = 4
    fig.legend.spacing = 6
    fig.legend.orientation = "horizontal"
    fig.legend.background_fill_alpha = 0.7
    fig.add_layout(fig.legend[0], "below")
    knee = Label(x=0, y=0, text="", text_font_size="12px", x_offset=-4, y_offset=-18, text_color="#1f5fa8",
                 text_align="right", visible=False)
    fig.add_layout(knee)
    return fig, curve_src, force_src, dots_src, knee


def _heat_figure(cell_h: float) -> tuple:
    heat_src = ColumnDataSource({"x": [], "y": [], "w": [], "income": [], "rate_t": [], "fee_t": [],
                                 "income_t": []})
    budget_src = ColumnDataSource({"x": [], "y": []})
    marker_src = ColumnDataSource({"x": [], "y": []})
    mapper = LinearColorMapper(palette="Viridis256", low=0, high=1)
    fig = figure(height=380, sizing_mode="stretch_width", title="Serviceavgifter över sats och maxtaxa",
                 x_axis_label="Maxtaxa, tusen kr", y_axis_label="Sats, ‰", tools="hover", toolbar_location=None)
    fig.rect("x", "y", width="w", height=cell_h, source=heat_src, line_color=None,
             fill_color={"field": "income", "transform": mapper})
    fig.step("x", "y", source=budget_src, color="white", line_width=2, mode="center")
    fig.scatter("x", "y", source=marker_src, size=12, fill_color="#ff5a36", line_color="white", line_width=2)
    fig.select_one(HoverTool).tooltips = [("Sats", "@rate_t"), ("Maxtaxa", "@fee_t"), ("Serviceavgifter", "@income_t")]
    fig.xaxis.formatter = CustomJSTickFormatter(code=THOUSANDS_JS)
    fig.yaxis.formatter = CustomJSTickFormatter(code=DECIMAL_JS)
    bar = ColorBar(color_mapper=mapper, formatter=CustomJSTickFormatter(code=GROUP_JS), width=10,
                   title="kr", major_label_text_font_size="10px")
    fig.add_layout(bar, "right")
    return fig, heat_src, budget_src, marker_src, mapper


def _cell_height(data: dict) -> float:
    rates = data["grid"]["heat_rates"]
    return (rates[1] - rates[0]) / 100 if len(rates) > 1 else 0.01


def board_document(books, figs, grid, default_year: int, title: str, provenance: dict) -> Document:
    """The page as a Bokeh document (the widgets wired to ``board.js``)."""
    data = payload(books, figs, grid, default_year)
    sheet = InlineStyleSheet(css=CSS)
    R = grid.rate_last - grid.rate_first + 1
    years = [str(y["year"]) for y in data["years"]]
    wide = {"sizing_mode": "stretch_width"}

    year_select = Select(title="Avgiftsår", options=years, value=str(default_year), **wide)
    rate_text = TextInput(title="Sats för serviceavgiften (‰)", value="", **wide)
    rate_slider = Slider(start=0, end=R - 1, value=0, step=1, show_value=False, title="", **wide)
    fee_text = TextInput(title="Maxtaxa (kr)", value="", placeholder="ingen", **wide)
    fee_slider = Slider(start=0, end=len(grid.max_fees) - 1, value=0, step=1, show_value=False, title="", **wide)
    fee_none = CheckboxGroup(labels=["ingen maxtaxa"], active=[])
    inc_text = TextInput(title="Maxhöjning per medlem och år (kr)", value="", placeholder="ingen", **wide)
    inc_slider = Slider(start=0, end=len(grid.max_increases) - 1, value=0, step=1, show_value=False, title="",
                        **wide)
    inc_none = CheckboxGroup(labels=["ingen maxhöjning"], active=[])
    basis_select = Select(title="Maxhöjningen räknas från", options=[
        ("last_year_fee", "förra årets serviceavgift"), ("previous_rate", "avgiften vid tidigare sats")],
        value="last_year_fee", **wide)
    prev_text = TextInput(title="Tidigare sats (‰)", value="", **wide)
    leave_choice = MultiChoice(title="Medlemmar som lämnar före avgiftsåret", options=[], value=[],
                               placeholder="välj medlemmar", **wide)
    scenario_select = Select(title="Läs in ett scenario i reglagen", options=[("", "")], value="", **wide)
    reset_button = Button(label="Tillbaka till gällande regler", button_type="default", **wide)
    target_text = TextInput(title="Mål för serviceavgifterna (kr)", value="", **wide)

    rules_div = _div("", sheet)
    message_div = _div("", sheet)
    totals_div = _div("", sheet, name="totals")
    leaving_div = _div("", sheet, name="leaving")
    target_div = _div("", sheet, name="target")
    scenarios_div = _div("", sheet, name="scenarios")

    members_src = ColumnDataSource({k: [] for k in ("id", "name", "status", "base", "base_t", "last", "last_t",
                                                    "fee", "fee_t", "change", "change_t", "pct", "pct_t",
                                                    "limit")}, name="members")
    rows = max(len(y["ids"]) for y in data["years"])
    table = DataTable(source=members_src, name="member_table", sortable=True, reorderable=False, index_position=None,
                      height=30 + 25 * rows, sizing_mode="stretch_width", autosize_mode="none", columns=[
                          TableColumn(field="id", title="Medlem", width=58),
                          TableColumn(field="name", title="Namn", width=300),
                          _money_column("base", "base_t", "Underlag", 112),
                          _money_column("last", "last_t", "Avgift fg år", 100),
                          _money_column("fee", "fee_t", "Ny avgift", 100),
                          _money_column("change", "change_t", "Förändring", 92),
                          _money_column("pct", "pct_t", "Förändring %", 98),
                          TableColumn(field="limit", title="Begränsning", width=92),
                          TableColumn(field="status", title="Status", width=150),
                      ])
    curve_fig, curve_src, force_src, dots_src, knee_label = _curve_figure(sheet)
    heat_fig, heat_src, budget_src, marker_src, heat_mapper = _heat_figure(_cell_height(data))

    w = dict(year_select=year_select, rate_text=rate_text, rate_slider=rate_slider, fee_text=fee_text,
             fee_slider=fee_slider, fee_none=fee_none, inc_text=inc_text, inc_slider=inc_slider, inc_none=inc_none,
             basis_select=basis_select, prev_text=prev_text, leave_choice=leave_choice,
             scenario_select=scenario_select, target_text=target_text, rules_div=rules_div,
             message_div=message_div, totals_div=totals_div, leaving_div=leaving_div, target_div=target_div,
             scenarios_div=scenarios_div, members_src=members_src, member_table=table, curve_src=curve_src, force_src=force_src,
             dots_src=dots_src, knee_label=knee_label, curve_fig=curve_fig, heat_src=heat_src,
             budget_src=budget_src, marker_src=marker_src, heat_mapper=heat_mapper, heat_fig=heat_fig)
    for key, model in (*w.items(), ("reset_button", reset_button)):
        if isinstance(model, (TextInput, Slider, Select, CheckboxGroup, MultiChoice, Button, DataTable)):
            model.update(name=key, css_classes=[f"nns-{key.replace('_', '-')}"])
    engine = CustomJS(args=dict(data=data, w=w), code=_js())

    def wire(widget, prop: str, cause: str) -> None:
        widget.js_on_change(prop, CustomJS(args=dict(engine=engine), code=f"engine.execute(cb_obj, {{cause: '{cause}'}})"))

    wire(year_select, "value", "year")
    wire(rate_slider, "value", "rate_slider")
    wire(rate_text, "value", "rate_text")
    wire(fee_slider, "value", "fee_slider")
    wire(fee_text, "value", "fee_text")
    wire(fee_none, "active", "fee_none")
    wire(inc_slider, "value", "inc_slider")
    wire(inc_text, "value", "inc_text")
    wire(inc_none, "active", "inc_none")
    wire(basis_select, "value", "basis")
    wire(prev_text, "value", "prev_text")
    wire(leave_choice, "value", "leave")
    wire(scenario_select, "value", "scenario")
    wire(target_text, "value", "target")
    reset_button.js_on_event("button_click", CustomJS(args=dict(engine=engine),
                                                      code="engine.execute(null, {cause: 'reset'})"))

    esc = html.escape
    org = books.settings.organisation
    head = _div(f"<h1>Avgifter – {esc(org)}</h1>"
                "<p>Ändra sats, maxtaxa, maxhöjning och utträden: allt nedan räknas om direkt. "
                "Siffrorna är räknade av nns-finance på kronan; sidan behöver inget nät.</p>", sheet)
    made = provenance
    inputs = "".join(f"<li><code>{esc(i['file'])}</code> sha256 <code>{esc(i['sha256'][:16])}…</code></li>"
                     for i in made["inputs"])
    footer = _div(f'<p class="note">nns-finance {esc(str(made["version"]))}, framtagen '
                  f'{esc(str(made["made"]))} ur {esc(str(made["data_folder"]))}. Indata:</p>'
                  f'<ul class="note">{inputs}</ul>', sheet)

    def h2(text: str) -> Div:
        return _div(f"<h2>{text}</h2>", sheet)

    layout = column(
        head, year_select, rules_div,
        h2("Reglagen"),
        rate_text, rate_slider,
        fee_text, fee_slider, fee_none,
        inc_text, inc_slider, inc_none,
        basis_select, prev_text,
        leave_choice, leaving_div,
        scenario_select, reset_button,
        message_div,
        h2("Avgifterna mot budgeten"), totals_div,
        h2("Sats som når ett mål"), target_text, target_div,
        h2("Scenarierna sida vid sida"), scenarios_div,
        h2("Avgiftskurvan"), curve_fig,
        h2("Serviceavgifter över sats och maxtaxa"), heat_fig,
        h2("Per medlem"),
        _div('<p class="note">Klicka på en kolumnrubrik för att sortera.</p>', sheet), table,
        footer,
        sizing_mode="stretch_width", styles={"max-width": "1120px", "margin": "0 auto", "padding": "0 8px"},
    )
    doc = Document()
    doc.title = title
    doc.add_root(layout)
    doc.js_on_event("document_ready", CustomJS(args=dict(engine=engine), code="engine.execute(null, {cause: 'init'})"))
    return doc


_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_MODEL_ID = re.compile(r'"p(\d+)"')


def _stable_ids(page: str) -> str:
    """Bokeh names the page's elements with random UUIDs, and its models by a counter that runs
    on through the process; number both in order of appearance in the document (after the
    inlined library) so that the same figures give the same bytes."""
    start = page.rindex("<body>")
    head, tail = page[:start], page[start:]
    uuids: dict[str, str] = {}
    models: dict[str, str] = {}

    def uuid(m):
        return uuids.setdefault(m.group(0), f"00000000-0000-4000-8000-{len(uuids) + 1:012d}")

    def model(m):
        return models.setdefault(m.group(1), f'"p{len(models) + 1001}"')

    return head + _MODEL_ID.sub(model, _UUID.sub(uuid, tail))


def board_html(books, figs, grid, default_year: int, provenance: dict) -> str:
    """The whole page as one HTML string (Bokeh inline: no network)."""
    title = f"Avgifter {default_year} – {books.settings.organisation}"
    doc = board_document(books, figs, grid, default_year, title, provenance)
    page = file_html(doc, INLINE, title)
    # only the document's own head (Bokeh's inlined JavaScript mentions <head> too)
    start = page.index("<head>") + len("<head>")
    record = to_json(provenance).replace("</", "<\\/")
    page = (page[:start].replace('<html lang="en">', '<html lang="sv">')
            + '\n<meta name="viewport" content="width=device-width, initial-scale=1">'
            + f'\n<script type="application/json" id="nns-provenance">{record}</script>' + page[start:])
    return _stable_ids(page)
