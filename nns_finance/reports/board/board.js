// The board's fee page: what the controls do. Every amount comes from the package's tables
// (figures.py): each member's fee before limits at every rate of the grid, last year's fee,
// the membership and indicator fees. This script only picks those figures, takes the lowest
// of the fee, the cap and the maximum fee, takes months/12 of it for a member that joined
// during the year (exact integer arithmetic), adds up and formats; tests/test_board_grid.py
// proves it equal to the package over the whole grid of control positions.
//
// Bokeh runs this as the body of a CustomJS callback with `data` (the figures), `w` (the
// widgets, sources and figures) and `cb_data.cause` (which control changed).
if (window.nnsBoard === undefined) {
  window.nnsBoard = (function () {
    "use strict";
    const NBSP = "\u00a0";
    const lib = {};

    // ------------------------------------------------------------------ formatting (Swedish)
    function group(digits) {
      return digits.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
    }
    // öre -> "1 732 849 kr" (whole kronor, half away from zero, as format_kr)
    function krText(ore, unit) {
      if (ore === null || ore === undefined || Number.isNaN(ore)) return "";
      const neg = ore < 0;
      const a = Math.abs(ore);
      let q = Math.floor(a / 100);
      if (a - q * 100 >= 50) q += 1;
      return (neg && q > 0 ? "-" : "") + group(String(q)) + (unit === false ? "" : NBSP + "kr");
    }
    // öre -> "99 999,50 kr" (what was typed, öre kept) for the input boxes
    function krExact(ore) {
      const whole = Math.floor(ore / 100), frac = ore % 100;
      return group(String(whole)) + (frac ? "," + String(frac).padStart(2, "0") : "") + NBSP + "kr";
    }
    // the unit in its own span: a narrow screen hides it in the sums table (headed "kr")
    function kr(ore) {
      const t = krText(ore, false);
      return t === "" ? "–" : '<span class="kr">' + t + '<span class="unit">' + NBSP + "kr</span></span>";
    }
    function signedKr(ore) {
      if (ore === null || ore === undefined) return "–";
      return '<span class="kr">' + (ore > 0 ? "+" : "") + krText(ore, false) + '<span class="unit">' + NBSP +
        "kr</span></span>";
    }
    function permilleText(r100) {
      return Math.floor(r100 / 100) + "," + String(r100 % 100).padStart(2, "0") + NBSP + "‰";
    }
    function percentText(x) {
      if (x === null || !Number.isFinite(x)) return "";
      return (x * 100).toFixed(1).replace(".", ",").replace("-", "-") + NBSP + "%";
    }
    function esc(s) {
      return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    }
    lib.krText = krText;
    lib.permilleText = permilleText;

    // ------------------------------------------------------------------ reading what is typed
    // "3,65" or "3.65" or "3,65 ‰" -> 365 (hundredths of a per mille)
    function parseRate(text) {
      const t = String(text).trim().replace(/‰$/, "").replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");
      const m = /^(\d{1,4})(?:\.(\d{0,}))?$/.exec(t);
      if (!m) return { error: "skriv satsen i promille, till exempel 3,65" };
      const frac = m[2] || "";
      if (frac.replace(/0+$/, "").length > 2) return { error: "satsen går i steg om 0,01 ‰" };
      return { r100: parseInt(m[1], 10) * 100 + parseInt((frac + "00").slice(0, 2), 10) };
    }
    // "123 400", "123400", "123 400,50 kr" -> öre; "", "ingen", "none", "-" -> none
    function parseKr(text) {
      let t = String(text).trim().toLowerCase().replace(/\s*(kr|sek|:-)\.?$/, "");
      if (["", "ingen", "inget", "none", "-", "–"].includes(t.trim())) return { none: true };
      t = t.replace(/[\s\u00a0\u202f']/g, "");
      const m = /^(\d{1,12})(?:[.,](\d{0,2}))?$/.exec(t);
      if (!m) return { error: "skriv beloppet i kronor, till exempel 123 400" };
      return { ore: parseInt(m[1], 10) * 100 + parseInt(((m[2] || "") + "00").slice(0, 2), 10) };
    }
    lib.parseRate = parseRate;
    lib.parseKr = parseKr;

    // ------------------------------------------------------------------ the fee arithmetic
    // floor((2n + d·unit) / (2·d·unit)) · unit for 0 <= n < 2^52: fees.arithmetic.round_div
    function roundDiv(n, d, unit) {
      const step = d * unit, num = 2 * n + step, den = 2 * step;
      let q = Math.floor(num / den);
      if (q * den > num) q -= 1;
      else if ((q + 1) * den <= num) q += 1;
      return q * unit;
    }
    function before(Y, ri, m) {
      return Y.before[ri * Y.M + m] * Y.before_scale;
    }
    // One member's service fee (öre); which limit binds is left in lib.limit (0 none, 1 maximum
    // increase, 2 maximum fee): fees.model.compute_fees for one member. s = {ri, mf, inc, basis,
    // pi} with mf, inc in öre or null (no limit).
    function memberFee(Y, s, m) {
      const b = before(Y, s.ri, m);
      let cap = Infinity;
      if (s.inc !== null) {
        if (s.basis === "previous_rate") cap = before(Y, s.pi, m) + s.inc;
        else if (Y.last[m] >= 0) cap = Y.last[m] + s.inc;
      }
      const mf = s.mf === null ? Infinity : s.mf;
      let fee = Math.min(b, cap, mf);
      lib.limit = (mf < b && mf <= cap) ? 2 : (cap < b ? 1 : 0);
      const months = Y.months[m];
      if (months < 12) fee = roundDiv(fee * months, 12, Y.unit);
      return fee;
    }
    function paying(Y, s, m) {
      return Y.months[m] > 0 && !(s.leave && s.leave.has(m));
    }
    // Every member's fees and the totals under the settings s (s.leave: a Set of member rows).
    function compute(Y, s) {
      const fees = new Array(Y.M), limits = new Array(Y.M);
      let service = 0, membership = 0, indicator = 0, atMax = 0, capped = 0, payers = 0;
      for (let m = 0; m < Y.M; m++) {
        if (!paying(Y, s, m)) { fees[m] = 0; limits[m] = 0; continue; }
        const fee = memberFee(Y, s, m), limit = lib.limit;
        fees[m] = fee; limits[m] = limit;
        service += fee;
        membership += Y.membership[m];
        indicator += Y.indicator[m];
        payers += 1;
        if (limit === 2) atMax += 1; else if (limit === 1) capped += 1;
      }
      return { fees, limits, service, membership, indicator, total: service + membership + indicator,
               atMax, capped, payers };
    }
    function serviceTotal(Y, s, ri) {
      const t = Object.assign({}, s, { ri });
      let sum = 0;
      for (let m = 0; m < Y.M; m++) if (paying(Y, t, m)) sum += memberFee(Y, t, m);
      return sum;
    }
    // The most any rate up to 1000 ‰ brings in (fees.solve: the whole base, the cap, the
    // maximum fee), and whether every paying member is bounded by a cap or the maximum fee.
    function mostAnyRate(Y, s) {
      let sum = 0, bounded = true;
      for (let m = 0; m < Y.M; m++) {
        if (!paying(Y, s, m)) continue;
        const whole = Y.base[m] > 0 ? roundDiv(Y.base[m], 1, Y.unit) : 0;
        let cap = Infinity;
        if (s.inc !== null) {
          if (s.basis === "previous_rate") cap = before(Y, s.pi, m) + s.inc;
          else if (Y.last[m] >= 0) cap = Y.last[m] + s.inc;
        }
        const mf = s.mf === null ? Infinity : s.mf;
        if (cap === Infinity && mf === Infinity && whole > 0) bounded = false;
        let fee = Math.min(whole, cap, mf);
        if (Y.months[m] < 12) fee = roundDiv(fee * Y.months[m], 12, Y.unit);
        sum += fee;
      }
      return { sum, bounded };
    }
    // The lowest rate on the grid whose income reaches the target (income never falls as
    // the rate rises), or null.
    function lowestRate(Y, s, target, R) {
      if (serviceTotal(Y, s, R - 1) < target) return null;
      let lo = -1, hi = R - 1;
      while (hi - lo > 1) {
        const mid = (lo + hi) >> 1;
        if (serviceTotal(Y, s, mid) >= target) hi = mid; else lo = mid;
      }
      return hi;
    }
    lib.roundDiv = roundDiv;
    lib.compute = compute;
    lib.serviceTotal = serviceTotal;
    lib.mostAnyRate = mostAnyRate;
    lib.lowestRate = lowestRate;

    // Sums over the whole grid for the test: per rate, over no/every maximum fee × no/every
    // maximum increase, every member: Σ fee, Σ fee·(row+1), Σ fee·(fee position+1),
    // Σ fee·(increase position+1), members at the maximum fee, members capped.
    lib.gridDigest = function (yi, basis, pi) {
      const Y = lib.years[yi], G = lib.data.grid;
      const fees = [null].concat(Array.from(G.max_fees)), incs = [null].concat(Array.from(G.max_increases));
      const out = [];
      for (let ri = 0; ri < lib.R; ri++) {
        let s0 = 0, s1 = 0, s2 = 0, s3 = 0, a = 0, c = 0;
        for (let fi = 0; fi < fees.length; fi++) {
          for (let ii = 0; ii < incs.length; ii++) {
            const s = { ri, mf: fees[fi], inc: incs[ii], basis, pi, leave: null };
            for (let m = 0; m < Y.M; m++) {
              if (!paying(Y, s, m)) continue;
              const fee = memberFee(Y, s, m), limit = lib.limit;
              s0 += fee; s1 += fee * (m + 1); s2 += fee * (fi + 1); s3 += fee * (ii + 1);
              if (limit === 2) a += 1; else if (limit === 1) c += 1;
            }
          }
        }
        out.push([s0, s1, s2, s3, a, c]);
      }
      return out;
    };

    // ------------------------------------------------------------------ the page
    lib.init = function (data, w) {
      lib.data = data;
      lib.w = w;
      lib.R = data.grid.rate_last - data.grid.rate_first + 1;
      lib.years = data.years.map(function (Y) {
        Y.M = Y.ids.length;
        return Y;
      });
      lib.busy = false;
      lib.yi = Math.max(0, lib.years.findIndex(Y => Y.year === data.default_year));
      lib.errors = {};
      setYear(lib.yi, true);
      lib.readyAt = performance.now();       // milliseconds from opening the page to its figures
    };

    function rateIndex(r100) {
      const i = r100 - lib.data.grid.rate_first;
      return (i >= 0 && i < lib.R) ? i : null;
    }
    function nearest(positions, value) {
      let best = 0;
      for (let i = 0; i < positions.length; i++) {
        if (Math.abs(positions[i] - value) < Math.abs(positions[best] - value)) best = i;
      }
      return best;
    }
    function quietly(fn) {
      const was = lib.busy;
      lib.busy = true;
      try { fn(); } finally { lib.busy = was; }
    }

    // settings of the rules (in force or a scenario's) into the controls
    function applyRule(rule, leaveIdx) {
      const w = lib.w, G = lib.data.grid;
      lib.s = {
        ri: rateIndex(rule.r100), mf: rule.max_fee, inc: rule.max_increase,
        basis: rule.basis, pi: rateIndex(rule.prev_r100),
        leave: new Set(leaveIdx || []),
      };
      lib.errors = {};
      quietly(function () {
        w.rate_text.value = permilleText(rule.r100);
        w.rate_slider.value = lib.s.ri;
        w.fee_none.active = rule.max_fee === null ? [0] : [];
        w.fee_text.value = rule.max_fee === null ? "" : krExact(rule.max_fee);
        if (rule.max_fee !== null) w.fee_slider.value = nearest(G.max_fees, rule.max_fee);
        w.inc_none.active = rule.max_increase === null ? [0] : [];
        w.inc_text.value = rule.max_increase === null ? "" : krExact(rule.max_increase);
        if (rule.max_increase !== null) w.inc_slider.value = nearest(G.max_increases, rule.max_increase);
        w.basis_select.value = rule.basis;
        w.prev_text.value = permilleText(rule.prev_r100);
        w.leave_choice.value = Array.from(lib.s.leave).map(String);
      });
    }

    function setYear(yi, first) {
      const w = lib.w;
      const keep = first ? [] : Array.from(lib.s.leave).map(m => lib.Y.ids[m]);
      lib.yi = yi;
      lib.Y = lib.years[yi];
      const Y = lib.Y;
      quietly(function () {
        w.year_select.value = String(Y.year);
        w.leave_choice.options = Y.ids.map((id, m) => [String(m), id + " " + Y.names[m]])
          .filter((o, m) => Y.months[m] > 0);
        w.scenario_select.options = [["", "Välj ett scenario …"]].concat(
          Y.scenarios.map((sc, k) => [String(k), sc.name + (sc.loadable ? "" : " (visas bara i tabellen)")]));
        w.scenario_select.value = "";
        w.target_text.value = Y.target === null ? "" : krExact(Y.target);
      });
      lib.target = Y.target;
      const leave = keep.map(id => Y.ids.indexOf(id)).filter(m => m >= 0 && Y.months[m] > 0);
      applyRule(Y.rule, leave);
      lib.inForce = compute(Y, Object.assign({}, lib.s, { leave: new Set() }));
      lib.inForceRule = Y.rule;
      header();
      refresh();
    }

    function header() {
      const Y = lib.Y;
      let html = "<p><b>Gällande regler " + Y.year + ":</b> " + esc(Y.rule_text).replace(/(\d) (\d)/g, "$1" + NBSP + "$2") + "</p>";
      for (const n of Y.notes) html += '<p class="note">' + esc(n) + "</p>";
      lib.w.rules_div.text = html;
    }

    // ------------------------------------------------------------------ reacting to a control
    lib.on = function (cause) {
      if (lib.busy) return;
      const w = lib.w, G = lib.data.grid, s = lib.s;
      if (cause !== "scenario") delete lib.errors.scenario;
      lib.busy = true;
      try {
        switch (cause) {
          case "year": {
            const yi = lib.years.findIndex(Y => String(Y.year) === w.year_select.value);
            if (yi < 0 || yi === lib.yi) return;
            lib.busy = false;
            setYear(yi, false);
            return;
          }
          // Bokeh may report a control the script itself moved after this call returns: every
          // case leaves the settings alone when the control already shows them.
          case "rate_slider":
            if (w.rate_slider.value === s.ri) return;
            s.ri = w.rate_slider.value;
            w.rate_text.value = permilleText(G.rate_first + s.ri);
            delete lib.errors.rate;
            break;
          case "rate_text": {
            const p = parseRate(w.rate_text.value);
            if (p.error) { lib.errors.rate = "Sats: " + p.error + "."; break; }
            const ri = rateIndex(p.r100);
            if (ri === null) {
              lib.errors.rate = "Sats: sidan räknar med " + permilleText(G.rate_first) + " till " +
                permilleText(G.rate_last) + ".";
              break;
            }
            delete lib.errors.rate;
            s.ri = ri;
            w.rate_slider.value = ri;
            w.rate_text.value = permilleText(p.r100);
            break;
          }
          case "fee_slider":
            if (s.mf !== null && nearest(G.max_fees, s.mf) === w.fee_slider.value) return;
            s.mf = G.max_fees[w.fee_slider.value];
            w.fee_text.value = krExact(s.mf);
            w.fee_none.active = [];
            delete lib.errors.fee;
            break;
          case "fee_text": {
            const p = parseKr(w.fee_text.value);
            if (p.error) { lib.errors.fee = "Maxtaxa: " + p.error + "."; break; }
            delete lib.errors.fee;
            if (p.none) { s.mf = null; w.fee_none.active = [0]; w.fee_text.value = ""; break; }
            s.mf = p.ore;
            w.fee_none.active = [];
            w.fee_slider.value = nearest(G.max_fees, p.ore);
            w.fee_text.value = krExact(p.ore);
            break;
          }
          case "fee_none":
            if ((w.fee_none.active.length > 0) === (s.mf === null)) return;
            if (w.fee_none.active.length) { s.mf = null; w.fee_text.value = ""; }
            else { s.mf = G.max_fees[w.fee_slider.value]; w.fee_text.value = krExact(s.mf); }
            delete lib.errors.fee;
            break;
          case "inc_slider":
            if (s.inc !== null && nearest(G.max_increases, s.inc) === w.inc_slider.value) return;
            s.inc = G.max_increases[w.inc_slider.value];
            w.inc_text.value = krExact(s.inc);
            w.inc_none.active = [];
            delete lib.errors.inc;
            break;
          case "inc_text": {
            const p = parseKr(w.inc_text.value);
            if (p.error) { lib.errors.inc = "Maxhöjning: " + p.error + "."; break; }
            delete lib.errors.inc;
            if (p.none) { s.inc = null; w.inc_none.active = [0]; w.inc_text.value = ""; break; }
            s.inc = p.ore;
            w.inc_none.active = [];
            w.inc_slider.value = nearest(G.max_increases, p.ore);
            w.inc_text.value = krExact(p.ore);
            break;
          }
          case "inc_none":
            if ((w.inc_none.active.length > 0) === (s.inc === null)) return;
            if (w.inc_none.active.length) { s.inc = null; w.inc_text.value = ""; }
            else { s.inc = G.max_increases[w.inc_slider.value]; w.inc_text.value = krExact(s.inc); }
            delete lib.errors.inc;
            break;
          case "basis":
            s.basis = w.basis_select.value;
            break;
          case "prev_text": {
            const p = parseRate(w.prev_text.value);
            if (p.error) { lib.errors.prev = "Tidigare sats: " + p.error + "."; break; }
            const pi = rateIndex(p.r100);
            if (pi === null) {
              lib.errors.prev = "Tidigare sats: sidan räknar med " + permilleText(G.rate_first) + " till " +
                permilleText(G.rate_last) + ".";
              break;
            }
            delete lib.errors.prev;
            s.pi = pi;
            w.prev_text.value = permilleText(p.r100);
            break;
          }
          case "leave":
            s.leave = new Set(w.leave_choice.value.map(Number));
            break;
          case "target": {
            const p = parseKr(w.target_text.value);
            if (p.error) { lib.errors.target = "Mål: " + p.error + "."; break; }
            delete lib.errors.target;
            lib.target = p.none ? null : p.ore;
            if (!p.none) w.target_text.value = krExact(p.ore);
            break;
          }
          case "scenario": {
            const k = w.scenario_select.value;
            if (k === "") return;
            const sc = lib.Y.scenarios[Number(k)];
            w.scenario_select.value = "";
            if (sc && sc.loadable) { lib.busy = false; applyRule(sc.rule, sc.without_idx); lib.busy = true; }
            else if (sc) {
              lib.errors.scenario = "Scenariot " + sc.name + " ändrar mer än reglagen kan visa (underlag eller " +
                "indikatoravtal): se dess kolumn i tabellen Scenarierna sida vid sida.";
            }
            break;
          }
          case "reset":
            lib.busy = false;
            applyRule(lib.Y.rule, []);
            lib.busy = true;
            break;
        }
      } finally {
        lib.busy = false;
      }
      refresh();
    };

    // ------------------------------------------------------------------ drawing the results
    function refresh() {
      const w = lib.w, Y = lib.Y, s = lib.s, G = lib.data.grid;
      const errors = Object.values(lib.errors);
      w.message_div.text = errors.length ? '<p class="error">' + errors.map(esc).join("<br>") +
        " Siffrorna nedan gäller de senaste giltiga värdena.</p>" : "";
      const r = compute(Y, s);
      lib.last = r;
      totals(r);
      leaving();
      target();
      scenarios(r);
      members(r);
      curve(r);
      heat();
    }

    function ruleWords(st) {
      const G = lib.data.grid;
      return {
        rate: permilleText(G.rate_first + st.ri),
        mf: st.mf === null ? "ingen" : kr(st.mf),
        inc: st.inc === null ? "ingen" : kr(st.inc) + " över " + (st.basis === "previous_rate"
          ? "avgiften vid " + permilleText(G.rate_first + st.pi) : "förra årets avgift"),
      };
    }

    function totals(r) {
      const Y = lib.Y, f = lib.inForce;
      const rows = [
        ["Medlemsavgifter", r.membership, f.membership, Y.budget.membership],
        ["Serviceavgifter", r.service, f.service, Y.budget.service],
        ["Indikatoravgifter", r.indicator, f.indicator, Y.budget.indicator],
      ];
      let html = '<div class="scroll"><table class="sums"><thead><tr><th></th><th>Reglagen</th><th class="wide">Gällande regler</th>' +
        "<th>Budget " + Y.year + "</th><th>Mot budget</th></tr></thead><tbody>";
      for (const [name, now, inForce, budget] of rows) {
        html += "<tr><th>" + name + (name === "Indikatoravgifter" ? "<sup>*</sup>" : "") + "</th>" +
          '<td data-kind="' + name + '">' + kr(now) + '</td><td class="wide">' + kr(inForce) + "</td><td>" +
          kr(budget) + "</td><td>" + (budget === null ? "–" : signedKr(now - budget)) + "</td></tr>";
      }
      const budgetSum = rows.every(x => x[3] === null) ? null : rows.reduce((a, x) => a + (x[3] || 0), 0);
      html += '<tr class="total"><th>Summa avgifter</th><td data-kind="Summa">' + kr(r.total) + '</td><td class="wide">' +
        kr(f.total) + "</td><td>" + kr(budgetSum) + "</td><td>" +
        (budgetSum === null ? "–" : signedKr(r.total - budgetSum)) + "</td></tr></tbody></table></div>" +
        '<p class="note narrow">Belopp i kronor.</p>';
      const words = ruleWords(lib.s);
      html += '<p class="counts"><span data-kind="payers">' + r.payers + "</span> medlemmar betalar; " +
        '<span data-kind="atmax">' + r.atMax + "</span> betalar maxtaxa, " +
        '<span data-kind="capped">' + r.capped + "</span> begränsas av maxhöjningen. " +
        "Reglagen: sats " + words.rate + ", maxtaxa " + words.mf + ", maxhöjning " + words.inc + ".</p>" +
        '<p class="note"><sup>*</sup> Budgetraden Indikatorverksamhet kan rymma mer än avgifterna.</p>';
      lib.w.totals_div.text = html;
    }

    function leaving() {
      const Y = lib.Y;
      const chosen = Array.from(lib.s.leave).sort((a, b) => a - b);
      if (!chosen.length) { lib.w.leaving_div.text = ""; return; }
      lib.w.leaving_div.text = "<ul>" + chosen.map(m => "<li>" + esc(Y.names[m]) + ": " + esc(Y.leaving[m]) +
        "</li>").join("") + "</ul>";
    }

    function target() {
      const Y = lib.Y, s = lib.s, G = lib.data.grid;
      if (lib.target === null) { lib.w.target_div.text = "<p>Skriv ett mål för serviceavgifterna.</p>"; return; }
      const t = lib.target;
      const with_ = "med maxtaxa, maxhöjning och utträden som i reglagen";
      const ri = lowestRate(Y, s, t, lib.R);
      let html;
      if (ri !== null) {
        html = '<p data-kind="solution">Lägsta sats som når ' + kr(t) + " " + with_ + ": <b>" +
          permilleText(G.rate_first + ri) + "</b>, som ger " + kr(serviceTotal(Y, s, ri));
        if (ri > 0) html += "; " + permilleText(G.rate_first + ri - 1) + " ger " + kr(serviceTotal(Y, s, ri - 1));
        html += ".</p>";
      } else {
        const most = mostAnyRate(Y, s);
        if (most.bounded && most.sum < t) {
          html = '<p data-kind="solution" class="warn">Ingen sats når ' + kr(t) + " " + with_ +
            ": ingen medlem kan betala mer än maxtaxan eller sitt tak, så serviceavgifterna blir högst " +
            kr(most.sum) + " (" + signedKr(most.sum - t) + " mot målet).</p>";
        } else {
          html = '<p data-kind="solution" class="warn">Ingen sats på sidan (' + permilleText(G.rate_first) +
            "–" + permilleText(G.rate_last) + ") når " + kr(t) + " " + with_ + ": " +
            permilleText(G.rate_last) + " ger " + kr(serviceTotal(Y, s, lib.R - 1)) +
            (most.bounded ? "; högst möjligt är " + kr(most.sum) : "") + ".</p>";
        }
      }
      lib.w.target_div.text = html;
    }

    function scenarios(r) {
      const Y = lib.Y, G = lib.data.grid;
      if (!Y.scenarios.length && !Y.unchanged.length) {
        lib.w.scenarios_div.text = "<p>Datamappen har inga scenarier.</p>";
        return;
      }
      const words = ruleWords(lib.s);
      const cols = [{ name: "Reglagen", rate: words.rate, mf: words.mf, inc: words.inc,
        leave: Array.from(lib.s.leave).map(m => Y.ids[m]).join(", "),
        membership: r.membership, service: r.service, indicator: r.indicator, total: r.total,
        at_max: r.atMax, capped: r.capped }];
      for (const sc of Y.scenarios) {
        const w2 = ruleWords({ ri: sc.rule.r100 - G.rate_first, mf: sc.rule.max_fee, inc: sc.rule.max_increase,
          basis: sc.rule.basis, pi: sc.rule.prev_r100 - G.rate_first });
        const extra = [];
        if (sc.base_growth) extra.push("underlagen +" + sc.base_growth + NBSP + "%");
        if (sc.indicator_endings.length) extra.push("indikatoravtal upphör: " + sc.indicator_endings.join(", "));
        cols.push({ name: sc.name, rate: permilleText(sc.rule.r100), mf: w2.mf, inc: w2.inc,
          leave: sc.without.join(", ") + (extra.length ? (sc.without.length ? "; " : "") + extra.join("; ") : ""),
          membership: sc.membership, service: sc.service, indicator: sc.indicator, total: sc.total,
          at_max: sc.at_max, capped: sc.capped });
      }
      const b = Y.budget.service;
      const rows = [["Sats", c => c.rate], ["Maxtaxa", c => c.mf], ["Maxhöjning", c => c.inc],
        ["Utträder m.m.", c => esc(c.leave) || "–"],
        ["Medlemsavgifter", c => kr(c.membership)], ["Serviceavgifter", c => kr(c.service)],
        ["Serviceavgifter mot budget", c => b === null ? "–" : signedKr(c.service - b)],
        ["Indikatoravgifter", c => kr(c.indicator)], ["Summa avgifter", c => kr(c.total)],
        ["Betalar maxtaxa", c => String(c.at_max)], ["Begränsas av maxhöjning", c => String(c.capped)]];
      let html = '<div class="scroll"><table class="side"><thead><tr><th></th>' +
        cols.map(c => "<th>" + esc(c.name) + "</th>").join("") + "</tr></thead><tbody>";
      for (const [label, f] of rows) html += "<tr><th>" + label + "</th>" + cols.map(c => "<td>" + f(c) + "</td>").join("") + "</tr>";
      html += "</tbody></table></div>";
      const notes = Y.scenarios.filter(sc => sc.notes.length).map(sc => "<li><i>" + esc(sc.name) + "</i>: " +
        sc.notes.map(esc).join(" ") + "</li>");
      if (notes.length) html += '<ul class="note">' + notes.join("") + "</ul>";
      if (Y.unchanged.length) {
        html += '<p class="note">Ändrar inte avgifterna ' + Y.year + ": " + Y.unchanged.map(u => "<i>" + esc(u.name) +
          "</i>" + (u.notes.length ? " (" + u.notes.map(esc).join(" ") + ")" : "")).join("; ") + ".</p>";
      }
      lib.w.scenarios_div.text = html;
    }

    const LIMITS = ["", "maxhöjning", "maxtaxa"];
    const MISSING = -1e15;
    function members(r) {
      const Y = lib.Y, s = lib.s;
      const d = { id: [], name: [], status: [], base: [], base_t: [], last: [], last_t: [], fee: [], fee_t: [],
                  change: [], change_t: [], pct: [], pct_t: [], limit: [] };
      for (let m = 0; m < Y.M; m++) {
        const left = s.leave.has(m);
        const last = Y.last[m], fee = r.fees[m];
        d.id.push(Y.ids[m]);
        d.name.push(Y.names[m]);
        d.status.push(left ? "utträder (reglagen)" : Y.status[m]);
        d.base.push(Y.base[m] >= 0 ? Y.base[m] : MISSING);
        d.base_t.push(Y.base[m] >= 0 ? krText(Y.base[m]) : "");
        d.last.push(last >= 0 ? last : MISSING);
        d.last_t.push(last >= 0 ? krText(last) : "");
        d.fee.push(fee);
        d.fee_t.push(krText(fee));
        const has = last >= 0;
        d.change.push(has ? fee - last : MISSING);
        d.change_t.push(has ? (fee - last > 0 ? "+" : "") + krText(fee - last) : "");
        const pct = has && last > 0 ? (fee - last) / last : null;
        d.pct.push(pct === null ? MISSING : pct);
        d.pct_t.push(pct === null ? "" : (pct > 0 ? "+" : "") + percentText(pct));
        d.limit.push(LIMITS[r.limits[m]]);
      }
      lib.w.members_src.data = d;
      // the table redraws when its view changes; the same rows with new figures do not change it
      lib.w.member_table.view.change.emit();
    }

    // the fee against the base: the rule's line (with its knee at the maximum fee) and the members
    function ruleLine(st, xmax) {
      const G = lib.data.grid;
      const rate = (G.rate_first + st.ri) / 100000;           // kr per kr of base
      const prev = (G.rate_first + st.pi) / 100000;
      const mf = st.mf === null ? Infinity : st.mf / 100;
      const capped = st.inc !== null && st.basis === "previous_rate";
      const inc = capped ? st.inc / 100 : 0;
      const f = x => Math.min(rate * x, mf, capped ? prev * x + inc : Infinity);
      const xs = new Set([0, xmax]);
      if (rate > 0 && Number.isFinite(mf)) xs.add(mf / rate);
      if (capped && rate > prev) xs.add(inc / (rate - prev));
      if (capped && prev > 0 && Number.isFinite(mf)) xs.add((mf - inc) / prev);
      const pts = Array.from(xs).filter(x => x >= 0 && x <= xmax).sort((a, b) => a - b);
      return { x: pts.map(x => x / 1e6), y: pts.map(f) };
    }
    function curve(r) {
      const Y = lib.Y, s = lib.s, w = lib.w;
      let top = 0;
      for (let m = 0; m < Y.M; m++) top = Math.max(top, Y.base[m]);
      const xmax = Math.max(top / 100 * 1.08, 1);
      w.curve_src.data = ruleLine(s, xmax);
      const f = lib.inForceRule;
      const G = lib.data.grid;
      w.force_src.data = ruleLine({ ri: f.r100 - G.rate_first, pi: f.prev_r100 - G.rate_first, mf: f.max_fee,
        inc: f.max_increase, basis: f.basis }, xmax);
      const d = { x: [], y: [], name: [], base_t: [], fee_t: [], limit: [] };
      for (let m = 0; m < Y.M; m++) {
        if (!paying(Y, s, m)) continue;
        d.x.push(Math.max(Y.base[m], 0) / 1e8);
        d.y.push(r.fees[m] / 100);
        d.name.push(Y.names[m]);
        d.base_t.push(krText(Math.max(Y.base[m], 0)));
        d.fee_t.push(krText(r.fees[m]));
        d.limit.push(LIMITS[r.limits[m]]);
      }
      w.dots_src.data = d;
      const rate = (G.rate_first + s.ri) / 100000;
      if (s.mf !== null && rate > 0) {
        w.knee_label.x = Math.min(s.mf / 100 / rate, xmax) / 1e6;
        w.knee_label.y = s.mf / 100;
        w.knee_label.text = "maxtaxa " + krText(s.mf);
        w.knee_label.visible = true;
      } else {
        w.knee_label.visible = false;
      }
      w.curve_fig.title.text = "Serviceavgift " + Y.year + " mot underlaget";
    }

    // income over rate × maximum fee, with the increase cap and the members leaving as set
    function heat() {
      const Y = lib.Y, s = lib.s, G = lib.data.grid, w = lib.w;
      const d = { x: [], y: [], w: [], income: [], rate_t: [], fee_t: [], income_t: [] };
      const cols = G.heat_fees.map(fi => G.max_fees[fi]);
      const budget = Y.budget.service;
      const bx = [], by = [];
      let lo = Infinity, hi = -Infinity;
      for (let k = 0; k < cols.length; k++) {
        const mf = cols[k];
        // each cell reaches halfway to its neighbours
        const left = k > 0 ? (mf - cols[k - 1]) / 2 : (cols.length > 1 ? (cols[1] - mf) / 2 : 50000);
        const right = k + 1 < cols.length ? (cols[k + 1] - mf) / 2 : left;
        let reached = null;
        for (const ri of G.heat_rates) {
          const t = serviceTotal(Y, Object.assign({}, s, { mf }), ri);
          d.x.push((mf + (right - left) / 2) / 100);
          d.w.push((left + right) / 100);
          d.y.push((G.rate_first + ri) / 100);
          d.income.push(t / 100);
          d.rate_t.push(permilleText(G.rate_first + ri));
          d.fee_t.push(krText(mf));
          d.income_t.push(krText(t));
          lo = Math.min(lo, t / 100); hi = Math.max(hi, t / 100);
          if (reached === null && budget !== null && t >= budget) reached = (G.rate_first + ri) / 100;
        }
        if (reached !== null) { bx.push(mf / 100); by.push(reached); }
      }
      w.heat_src.data = d;
      w.heat_mapper.low = lo;
      w.heat_mapper.high = hi > lo ? hi : lo + 1;
      w.budget_src.data = { x: bx, y: by };
      w.marker_src.data = s.mf === null ? { x: [], y: [] } : { x: [s.mf / 100], y: [(G.rate_first + s.ri) / 100] };
      w.heat_fig.title.text = budget === null ? "Serviceavgifter " + Y.year :
        bx.length ? "Vit linje: lägsta sats som når budgeten" : "Budgeten " + krText(budget) + " nås inte här";
    }

    return lib;
  })();
}
if (cb_data && cb_data.cause === "init") {
  window.nnsBoard.init(data, w);
} else if (cb_data && cb_data.cause) {
  window.nnsBoard.on(cb_data.cause);
}
