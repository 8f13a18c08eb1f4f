"""Shared by the board-page tests: another association's data folder, and the page opened in the
system's headless Chromium with every network request blocked."""
from __future__ import annotations

import re
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def chromium_or_skip() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.skip("chromium is not installed (apt install chromium): the board page's browser tests "
                    "need the system's headless Chromium")
    return path


@contextmanager
def chromium():
    """The system Chromium through playwright (no browser download)."""
    from playwright.sync_api import sync_playwright

    path = chromium_or_skip()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


# ---------------------------------------------------------------- another association
OTHER_SETTINGS = """\
[organisation]
name = "Samordningsförbundet Kustnätet (test)"
fiscal_year = 2031

[notice]
deadline = "06-30"

[fees.2030]
membership_fee = 500
service_rate_permille = 2.0
max_fee = 200000
indicator_fee = 0

[fees.2031]
membership_fee = 500
service_rate_permille = 2.4
max_fee = 250000
max_increase = 40000
max_increase_basis = "last_year_fee"
indicator_fee = 10000
rounding = "ore"
joining = "pro_rata"
"""

# bases in kronor; K06 joins 2031-04-15 (9 months), K07 gave notice 2030-05-01 (gone 2031-01-01)
OTHER_MEMBERS = """\
id;namn;inträde;utträde anmält;indikatoravtal från;underlag 2030;underlag 2031
K01;Förbundet Havet;2010-01-01;;2030-01-01;150 000 000;160 000 000
K02;Förbundet Stranden;2012-03-01;;;95 000 000;100 000 000
K03;Förbundet Klippan;2015-01-01;;2031-02-01;10 000 000;10 000 000
K04;Förbundet Viken;2015-01-01;;;8 000 000;8 333 337,50
K05;Förbundet Holmen;2016-01-01;;;2 000 000;2 100 000
K06;Förbundet Skäret;2031-04-15;;;;20 000 000
K07;Förbundet Udden;2011-01-01;2030-05-01;;30 000 000;31 000 000
"""

OTHER_BUDGET = """\
avsnitt;rad;underrad;2030 Budget;2031 Budget
Intäkter;Medlemsavgifter;;3 000;2 875
Intäkter;Serviceavgifter;;600 000;700 000
Kostnader;Kansli;;-603 000;-702 875
"""

OTHER_SCENARIO = """\
name = "Högre maxtaxa"
description = "Maxtaxa 300 000 kr från 2031."
[[fee_changes]]
from_year = 2031
max_fee = 300000
"""


def other_association(folder: Path) -> Path:
    """A small data folder unlike the example: seven members, year 2031, a 250 000 kr maximum
    fee, an increase cap against last year's fee, fees to the öre, pro-rata joining."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.toml").write_text(OTHER_SETTINGS, encoding="utf-8")
    (folder / "members.csv").write_text(OTHER_MEMBERS, encoding="utf-8")
    (folder / "budget.csv").write_text(OTHER_BUDGET, encoding="utf-8")
    return folder


def other_scenarios(folder: Path) -> Path:
    """A scenario folder for :func:`other_association` (kept outside it: the data folder's own
    scenarios/ are checked against the default projection years)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hogre-maxtaxa.toml").write_text(OTHER_SCENARIO, encoding="utf-8")
    return folder


# ---------------------------------------------------------------- the page in the browser
KR = re.compile(r"^(-|\+)?([\d\u00a0 ]+)\u00a0kr$")


def kronor(text: str) -> int:
    """``"1 732 849 kr"`` (no-break spaces) → 1732849."""
    m = KR.match(text.strip())
    assert m, f"not an amount in kronor: {text!r}"
    value = int(m.group(2).replace("\u00a0", "").replace(" ", ""))
    return -value if m.group(1) == "-" else value


class BoardPage:
    """The board page opened from a file with the network blocked; ``left`` lists every request
    that tried to leave ``file://``."""

    def __init__(self, browser, path: Path, width: int = 1280):
        self.left: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": width, "height": 900})
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(Path(path).resolve().as_uri())
        self.page.wait_for_function("() => window.nnsBoard && window.nnsBoard.last")

    def _route(self, route):
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:
            self.left.append(url)
            route.abort()

    def close(self) -> None:
        self.context.close()

    # -- controls, as a person uses them
    def _fill(self, key: str, text: str) -> None:
        box = self.page.locator(f".nns-{key} input")
        box.fill(text)
        box.press("Enter")

    def rate(self, text: str) -> None:
        self._fill("rate-text", text)

    def max_fee(self, text: str | None) -> None:
        if text is None:
            self.page.locator(".nns-fee-none input[type=checkbox]").check()
        else:
            self._fill("fee-text", text)

    def max_increase(self, text: str | None) -> None:
        if text is None:
            self.page.locator(".nns-inc-none input[type=checkbox]").check()
        else:
            self._fill("inc-text", text)

    BASES = {"last_year_fee": "förra årets serviceavgift", "previous_rate": "avgiften vid tidigare sats"}

    def basis(self, value: str) -> None:
        self.page.locator(".nns-basis-select select").select_option(label=self.BASES[value])

    def previous_rate(self, text: str) -> None:
        self._fill("prev-text", text)

    def year(self, year: int) -> None:
        self.page.locator(".nns-year-select select").select_option(label=str(year))

    def target(self, text: str) -> None:
        self._fill("target-text", text)

    def slide(self, key: str, steps: int) -> None:
        handle = self.page.locator(f".nns-{key} .noUi-handle").first
        handle.focus()
        for _ in range(abs(steps)):
            handle.press("ArrowRight" if steps > 0 else "ArrowLeft")

    def leaving(self, ids: list[str]) -> None:
        """Members leaving, chosen by id (the multi-choice box's own value, as a click sets it)."""
        self.page.evaluate("""ids => {
            const Y = window.nnsBoard.Y;
            const box = Bokeh.documents[0].get_model_by_name('leave_choice');
            box.value = ids.map(id => String(Y.ids.indexOf(id)));
        }""", ids)

    def load_scenario(self, name: str) -> None:
        self.page.locator(".nns-scenario-select select").select_option(label=name)

    def reset(self) -> None:
        self.page.locator(".nns-reset-button button").click()

    # -- what the page shows
    def settings(self) -> dict:
        """The controls' current settings as the page holds them (rates in hundredths of ‰,
        amounts in öre)."""
        return self.page.evaluate("""() => {
            const b = window.nnsBoard, g = b.data.grid, s = b.s;
            return {year: b.Y.year, r100: g.rate_first + s.ri, max_fee: s.mf, max_increase: s.inc,
                    basis: s.basis, prev_r100: g.rate_first + s.pi,
                    leaving: Array.from(s.leave).map(m => b.Y.ids[m]).sort()};
        }""")

    def shown(self, kind: str) -> str:
        return self.page.locator(f'[data-kind="{kind}"]').first.inner_text()

    def totals(self) -> dict:
        return {"membership": kronor(self.shown("Medlemsavgifter")),
                "service": kronor(self.shown("Serviceavgifter")),
                "indicator": kronor(self.shown("Indikatoravgifter")),
                "total": kronor(self.shown("Summa")),
                "payers": int(self.shown("payers")), "at_max": int(self.shown("atmax")),
                "capped": int(self.shown("capped"))}

    ROWS_JS = """() => {
        const out = [];
        (function walk(n) {
            if (n.shadowRoot) walk(n.shadowRoot);
            for (const c of (n.children || [])) walk(c);
            if (n.classList && n.classList.contains('slick-row'))
                out.push(Array.from(n.querySelectorAll('.slick-cell')).map(c => c.textContent));
        })(document.body);
        return out;
    }"""

    def member_rows(self) -> dict[str, list[str]]:
        """The member table's rows as shown: member id → the cells' text (once the table has
        drawn the latest figures: it redraws after the totals)."""
        self.page.wait_for_function(f"""() => {{
            const b = window.nnsBoard, rows = ({self.ROWS_JS})();
            const want = new Map(b.Y.ids.map((id, m) => [id, b.krText(b.last.fees[m])]));
            return rows.length === want.size && rows.every(r => want.get(r[0]) === r[4]);
        }}""", timeout=5000)
        return {r[0]: r for r in self.page.evaluate(self.ROWS_JS)}
