/* timeline: the reader's tools, added on top of pages that work without them.
   - the finder: full-text search and tag, actor, place and status filters, combinable, with counts,
     the state kept in the address (?q=…&tag=…&actor=…&place=…&status=…) so a filtered view can be shared;
   - the year navigation marks the year in view, and scrolls sideways to show its pill; while a search or
     filter is on, it and the overview follow it: years and bars without matches are dimmed, each says how
     many of its events match, bars take their heights from the matches, and a year leads to its results;
   - "Copy link" on event pages.
   The search index is a few JSON files under search/ (see timeline/render/search_index.py), fetched on demand.
   No inline script, no eval, no innerHTML of data: every text is set with textContent. */
(function () {
  "use strict";

  // Loaded in the head, before the page is drawn: the finder's place is kept from the first paint.
  document.documentElement.classList.add("js");

  var PAGE = 50; // results shown at a time

  function tokens(text) {
    var folded = String(text).normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
    return folded.match(/[\p{L}\p{N}_]+/gu) || [];
  }

  // As Python's search_index.bucket(), which filed the term (a browser test compares them).
  function bucketOf(term, buckets) {
    var points = Array.from(term).slice(0, 2).map(function (c) { return c.codePointAt(0); });
    return (points[0] * 31 + (points.length > 1 ? points[1] : 0)) % buckets;
  }

  function undoGaps(gaps) {
    var out = new Array(gaps.length), value = 0;
    for (var i = 0; i < gaps.length; i++) { value += gaps[i]; out[i] = value; }
    return out;
  }

  function intersect(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; } else if (a[i] < b[j]) { i++; } else { j++; }
    }
    return out;
  }

  function union(lists, size) {
    var seen = new Uint8Array(size), out = [];
    lists.forEach(function (list) { for (var i = 0; i < list.length; i++) seen[list[i]] = 1; });
    for (var n = 0; n < size; n++) if (seen[n]) out.push(n);
    return out;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // A contributor's text (a title, a name, a tag), which may be Arabic or Hebrew: it takes its direction
  // from its own first strong letter, and is isolated from the interface text around it.
  function own(node) {
    node.dir = "auto";
    return node;
  }

  /* --- the search index ------------------------------------------------------------------ */

  function Index(root) {
    this.root = root;
    this.files = {};
  }
  Index.prototype.get = function (name, version) {
    var url = this.root + name + (version ? "?v=" + version : "");
    if (!this.files[url]) {
      this.files[url] = fetch(url, version ? {} : {cache: "no-cache"}).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + url);
        return response.json();
      });
    }
    return this.files[url];
  };
  // meta.json, and meta.col: where each column of a row is, by name, from meta.columns (Python orders them)
  Index.prototype.meta = function () {
    if (!this._meta) {
      this._meta = this.get("meta.json").then(function (meta) {
        meta.col = Object.create(null);
        meta.columns.forEach(function (name, i) { meta.col[name] = i; });
        return meta;
      });
    }
    return this._meta;
  };
  Index.prototype.facets = function () {
    var self = this;
    if (!this._facets) {
      this._facets = this.meta().then(function (meta) { return self.get("facets.json", meta.facets); })
        .then(function (data) {
          var out = {};
          Object.keys(data).forEach(function (kind) {
            out[kind] = data[kind].map(function (entry) {
              return {name: entry[0], path: entry[1], docs: undoGaps(entry[2])};
            });
          });
          return out;
        });
    }
    return this._facets;
  };
  Index.prototype.term = function (term) {
    var self = this;
    return this.meta().then(function (meta) {
      if (Array.from(term).length < 2 && meta.buckets > 1) return null; // one letter: too little to look up
      var bucket = bucketOf(term, meta.buckets);
      return self.get("terms-" + bucket + ".json", meta.terms[bucket]).then(function (terms) {
        var lists = [];
        Object.keys(terms).forEach(function (key) {
          if (key.lastIndexOf(term, 0) === 0) lists.push(undoGaps(terms[key]));
        });
        return union(lists, meta.count);
      });
    });
  };
  Index.prototype.docs = function (numbers) {
    var self = this;
    return this.meta().then(function (meta) {
      var chunks = {};
      numbers.forEach(function (n) { chunks[Math.floor(n / meta.chunk)] = true; });
      var keys = Object.keys(chunks).map(Number);
      return Promise.all(keys.map(function (k) { return self.get("docs-" + k + ".json", meta.docs[k]); }))
        .then(function (loaded) {
          var rows = {};
          keys.forEach(function (k, i) { rows[k] = loaded[i]; });
          return numbers.map(function (n) { return rows[Math.floor(n / meta.chunk)][n % meta.chunk]; });
        });
    });
  };

  /* --- the finder ------------------------------------------------------------------------ */

  function Finder(box) {
    this.box = box;
    this.base = box.getAttribute("data-base");
    this.strings = JSON.parse(box.getAttribute("data-strings"));
    this.plural = new Intl.PluralRules(box.getAttribute("data-lang") || "en");
    this.index = new Index(box.getAttribute("data-index"));
    this.input = box.querySelector("input[type=search]");
    this.selects = Array.prototype.slice.call(box.querySelectorAll("select[data-facet]"));
    this.chips = box.querySelector(".chips");
    this.clear = box.querySelector(".finder-clear");
    this.status = box.querySelector(".finder-status");
    this.results = document.getElementById("results");
    this.hideWhenFiltering = Array.prototype.slice.call(document.querySelectorAll("#timeline, .year-pager"));
    // the year pills and the overview's bars (those that lead somewhere), which follow the matches
    this.places = Array.prototype.slice.call(document.querySelectorAll("nav.years a[data-year], nav.overview a[data-count]"));
    var overview = document.querySelector("nav.overview");
    this.levels = overview ? Number(overview.getAttribute("data-levels")) : 0; // bar heights: .bar.d1 to .bar.dN
    this.found = null; // while filtering: {meta, numbers (oldest first), rows (of every match, for monthly bars)}
    this.state = {q: ""};  // and a list of chosen values per facet kind: its select's data-facet
    this.selects.forEach(function (select) { this.state[select.getAttribute("data-facet")] = []; }, this);
    this.shown = PAGE;
    this.run = 0;
  }

  Finder.prototype.start = function () {
    var self = this, params = new URLSearchParams(location.search);
    this.state.q = params.get("q") || "";
    this.selects.forEach(function (select) {
      self.state[select.getAttribute("data-facet")] = params.getAll(select.getAttribute("data-param"));
    });
    this.input.value = this.state.q;
    var timer = null;
    this.input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { self.state.q = self.input.value; self.changed(); }, 120);
    });
    this.input.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && self.input.value) { self.input.value = ""; self.state.q = ""; self.changed(); }
    });
    var warm = function () {
      self.box.removeEventListener("focusin", warm);
      self.box.removeEventListener("pointerenter", warm);
      if (!self.active()) self.fillSelects();
    };
    this.box.addEventListener("focusin", warm);
    this.box.addEventListener("pointerenter", warm);
    this.selects.forEach(function (select) {
      select.addEventListener("change", function () {
        var kind = select.getAttribute("data-facet");
        if (select.value && self.state[kind].indexOf(select.value) < 0) self.state[kind].push(select.value);
        select.value = "";
        self.changed();
      });
    });
    this.places.forEach(function (link) {
      link.addEventListener("click", function (event) {
        if (!self.active()) return; // no filter: the link goes to its year
        event.preventDefault(); // a filter: stay in the filtered view
        if (link.getAttribute("aria-disabled") !== "true") self.jump(link);
      });
    });
    this.clear.addEventListener("click", function () {
      self.state = {q: ""};
      self.selects.forEach(function (select) { self.state[select.getAttribute("data-facet")] = []; });
      self.input.value = "";
      self.changed();
      self.input.focus();
    });
    if (this.active()) this.update();
  };

  Finder.prototype.active = function () {
    var s = this.state;
    return tokens(s.q).length > 0
      || this.selects.some(function (select) { return s[select.getAttribute("data-facet")].length > 0; });
  };

  Finder.prototype.changed = function () {
    var params = new URLSearchParams(), self = this;
    if (this.state.q.trim()) params.set("q", this.state.q.trim());
    this.selects.forEach(function (select) {
      self.state[select.getAttribute("data-facet")].forEach(function (value) {
        params.append(select.getAttribute("data-param"), value);
      });
    });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : "") + location.hash);
    this.shown = PAGE;
    this.update();
  };

  /* The documents matching the text and every facet but `except` (null: every facet). */
  Finder.prototype.match = function (facets, except) {
    var self = this, terms = tokens(this.state.q);
    return Promise.all(terms.map(function (t) { return self.index.term(t); })).then(function (lists) {
      return self.index.meta().then(function (meta) {
        var result = null;
        lists.forEach(function (list) { if (list) result = result ? intersect(result, list) : list; });
        Object.keys(facets).forEach(function (kind) {
          var chosen = self.state[kind];
          if (kind === except || !chosen.length) return;
          var lists = facets[kind].filter(function (v) { return chosen.indexOf(v.name) >= 0; })
            .map(function (v) { return v.docs; });
          var any = union(lists, meta.count);
          result = result ? intersect(result, any) : any;
        });
        if (!result) { result = []; for (var n = 0; n < meta.count; n++) result.push(n); }
        return result;
      });
    });
  };

  Finder.prototype.fillSelects = function (facetsGiven) {
    var self = this;
    return (facetsGiven ? Promise.resolve(facetsGiven) : this.index.facets()).then(function (facets) {
      return Promise.all(self.selects.map(function (select) {
        var kind = select.getAttribute("data-facet");
        return self.match(facets, kind).then(function (base) {
          var inBase = new Uint8Array(Math.max(1, base.length ? base[base.length - 1] + 1 : 1));
          base.forEach(function (n) { inBase[n] = 1; });
          while (select.options.length > 1) select.remove(1);
          facets[kind].forEach(function (value) {
            if (self.state[kind].indexOf(value.name) >= 0) return;
            var count = 0;
            for (var i = 0; i < value.docs.length; i++) if (inBase[value.docs[i]]) count++;
            if (!count) return;
            var option = own(el("option", "", self.label(kind, value.name) + " (" + count + ")"));
            option.value = value.name;
            select.appendChild(option);
          });
        });
      }));
    }).catch(function () { self.failed(); });
  };

  // How a facet's value reads: a status in the site's words (data-strings "labels"), anything else as written.
  Finder.prototype.label = function (kind, value) {
    var labels = this.strings.labels[kind];
    return (labels && labels[value]) || value;
  };

  Finder.prototype.failed = function () {
    this.status.textContent = this.strings.failed;
  };

  Finder.prototype.renderChips = function (facets) {
    var self = this;
    this.chips.textContent = "";
    this.selects.forEach(function (select) {
      var kind = select.getAttribute("data-facet");
      self.state[kind].forEach(function (value) {
        var item = el("li"), button = el("button", "chip");
        button.type = "button";
        button.appendChild(own(el("bdi", "chip-label", self.label(kind, value))));
        button.setAttribute("aria-label", self.strings.remove.replace("{value}", self.label(kind, value)));
        button.appendChild(el("span", "chip-x", " ×")).setAttribute("aria-hidden", "true");
        button.addEventListener("click", function () {
          self.state[kind] = self.state[kind].filter(function (v) { return v !== value; });
          self.changed();
          (self.chips.querySelector("button") || select).focus();
        });
        item.appendChild(button);
        self.chips.appendChild(item);
      });
    });
    this.clear.hidden = !this.active();
  };

  Finder.prototype.update = function () {
    var self = this, run = ++this.run;
    this.renderChips();
    if (!this.active()) {
      this.results.hidden = true;
      this.results.textContent = "";
      this.hideWhenFiltering.forEach(function (node) { node.hidden = false; });
      this.status.textContent = "";
      this.found = null;
      this.follow();
      this.fillSelects();
      return Promise.resolve();
    }
    this.status.textContent = this.strings.loading;
    return this.index.facets().then(function (facets) {
      return Promise.all([self.index.meta(), self.match(facets, null), self.fillSelects(facets)]);
    }).then(function (found) {
      if (run !== self.run) return null;
      var meta = found[0], numbers = found[1];
      return self.index.facets().then(function (facets) {
        if (!self.tagPaths) {
          self.tagPaths = Object.create(null);  // keyed by tag names, which may be "constructor" or "__proto__"
          facets.tag.forEach(function (value) { self.tagPaths[value.name] = value.path; });
        }
        return [meta, numbers];
      });
    }).then(function (found) {
      if (!found || run !== self.run) return null;
      var meta = found[0], numbers = found[1], shown = numbers;
      if (meta.order === "newest-first") shown = numbers.slice().reverse();
      // monthly bars count the matches of their month from the rows (a short timeline: one file of rows)
      var monthly = self.places.some(function (link) { return link.hasAttribute("data-month"); });
      return Promise.all([self.index.docs(shown.slice(0, self.shown)), monthly ? self.index.docs(numbers) : null])
        .then(function (loaded) {
          if (run !== self.run) return;
          self.show(meta, shown.length, loaded[0]);
          self.found = {meta: meta, numbers: numbers, rows: loaded[1]};
          self.follow();
        });
    }).catch(function () { if (run === self.run) self.failed(); });
  };

  // As SiteUrls.timeline_href: the year's page of a split timeline, or its month's page (urls.month_path) for a
  // year that meta.months lists; the month is the end of the row's month anchor ("y2024-03").
  Finder.prototype.timelineHref = function (meta, row) {
    var col = meta.col, year = row[col.year], month = row[col.month];
    if (!meta.split) return this.base + "#" + row[col.id];
    var byMonth = (meta.months || []).indexOf(year) >= 0 && month.indexOf("-", 1) > 0;
    return this.base + "years/" + year + "/" + (byMonth ? month.slice(-2) + "/" : "") + "#" + row[col.id];
  };

  Finder.prototype.show = function (meta, total, rows) {
    var self = this, strings = this.strings, col = meta.col;
    this.hideWhenFiltering.forEach(function (node) { node.hidden = true; });
    this.results.hidden = false;
    this.results.textContent = "";
    this.status.textContent = total ? (this.plural.select(total) === "one" ? strings.one : strings.other)
      .replace("{n}", total.toLocaleString()) : strings.none;
    var yearBox = null, list = null, yearKey = null, monthKey = null;
    rows.forEach(function (row) {
      if (row[col.year] !== yearKey) {
        yearKey = row[col.year]; monthKey = null;
        yearBox = el("section", "year");
        yearBox.setAttribute("data-year", yearKey);
        var head = el("div", "year-head");
        head.appendChild(el("h2", "", row[col.year_label]));
        yearBox.appendChild(head);
        self.results.appendChild(yearBox);
        list = null;
      }
      if (row[col.month] !== monthKey || !list) {
        monthKey = row[col.month];
        var holder = yearBox;
        if (monthKey) {
          holder = el("section", "month");
          holder.setAttribute("data-month", monthKey);
          holder.appendChild(el("h3", "", row[col.month_label]));
          yearBox.appendChild(holder);
        }
        list = el("ol", "events" + (monthKey ? "" : " year-events"));
        holder.appendChild(list);
      }
      list.appendChild(self.item(meta, row));
    });
    if (total > rows.length) {
      var more = el("button", "show-more", strings.more);
      more.type = "button";
      more.addEventListener("click", function () {
        self.shown += PAGE;
        self.update();
      });
      this.results.appendChild(more);
    }
  };

  /* The year pills and the overview follow the search: this.found, or everything when there is none. */
  Finder.prototype.follow = function () {
    var self = this, found = this.found, strings = this.strings;
    if (!found) {
      this.places.forEach(function (link) {
        link.removeAttribute("aria-disabled");
        link.removeAttribute("tabindex");
        if (link.hasAttribute("data-year")) link.removeAttribute("aria-label");
        var count = link.querySelector(".bar-count"), bar = link.querySelector(".bar");
        if (count && link.originalText !== undefined) count.textContent = link.originalText;
        if (bar && link.originalBar !== undefined) bar.className = link.originalBar;
      });
      return;
    }
    var years = found.meta.years || [], col = found.meta.col;
    var matches = Object.create(null), totals = Object.create(null);
    years.forEach(function (year, i) {
      matches[year[0]] = 0;
      totals[year[0]] = (i + 1 < years.length ? years[i + 1][1] : found.meta.count) - year[1];
    });
    if (years.length) found.numbers.forEach(function (n) { matches[yearOf(years, n)]++; });
    var counted = this.places.map(function (link) {
      if (link.hasAttribute("data-year")) {
        var key = link.getAttribute("data-year");
        return [matches[key] || 0, totals[key] || 0];
      }
      if (link.hasAttribute("data-month")) {
        var month = link.getAttribute("data-month");
        return [(found.rows || []).filter(function (row) { return row[col.month] === month; }).length,
                Number(link.getAttribute("data-count"))];
      }
      return link.getAttribute("data-years").split(" ").reduce(function (sum, key) {
        return [sum[0] + (matches[key] || 0), sum[1] + (totals[key] || 0)];
      }, [0, 0]);
    });
    var top = 0;
    this.places.forEach(function (link, i) { if (link.hasAttribute("data-count")) top = Math.max(top, counted[i][0]); });
    this.places.forEach(function (link, i) {
      var n = counted[i][0], text = (self.plural.select(n) === "one" ? strings.ofone : strings.ofother)
        .replace("{n}", n.toLocaleString()).replace("{total}", counted[i][1].toLocaleString());
      if (n) {
        link.removeAttribute("aria-disabled");
        link.removeAttribute("tabindex");
      } else {  // dimmed, and out of the way of the Tab key; still read, with its count
        link.setAttribute("aria-disabled", "true");
        link.setAttribute("tabindex", "-1");
      }
      var count = link.querySelector(".bar-count"), bar = link.querySelector(".bar");
      if (count) {  // a bar: its count, and its height from the matches
        if (link.originalText === undefined) { link.originalText = count.textContent; link.originalBar = bar.className; }
        count.textContent = text;
        bar.className = "bar d" + (n && top ? Math.max(1, Math.ceil(n * self.levels / top)) : 0);
      } else {  // a year's pill: its count after its year (a name of its own: hidden text would be set apart)
        link.setAttribute("aria-label", link.textContent + ": " + text);
      }
    });
    // The first year with a match may be far along the row (off a phone's screen): bring it in.
    var first = this.places.filter(function (link, i) { return link.hasAttribute("data-year") && counted[i][0]; })[0];
    if (first) showPill(first, false);
  };

  /* The key of the year a result is in, by its number: years is meta.json's [[key, first number], ...]. */
  function yearOf(years, n) {
    var low = 0, high = years.length - 1;
    while (low < high) { var mid = (low + high + 1) >> 1; if (years[mid][1] <= n) low = mid; else high = mid - 1; }
    return years[low][0];
  }

  /* Show the results of a pill's year or a bar's years or month: load pages of results up to its first
     match, then scroll to its heading and move the focus there. The address keeps the search. */
  Finder.prototype.jump = function (link) {
    var self = this, found = this.found;
    if (!found) return;
    var years = found.meta.years || [], keys = null, month = link.getAttribute("data-month");
    if (!years.length) return;
    if (!month) keys = (link.getAttribute("data-year") || link.getAttribute("data-years")).split(" ");
    var shown = found.numbers, rows = found.rows;
    if (found.meta.order === "newest-first") {
      shown = shown.slice().reverse();
      rows = rows && rows.slice().reverse();
    }
    var position = -1, key = null;
    if (month) {
      var col = found.meta.col;
      rows.some(function (row, i) {
        if (row[col.month] === month) { position = i; key = row[col.year]; }
        return position >= 0;
      });
    } else {
      shown.some(function (n, i) {
        var year = yearOf(years, n);
        if (keys.indexOf(year) >= 0) { position = i; key = year; }
        return position >= 0;
      });
    }
    if (position < 0) return;
    var ready = Promise.resolve();
    if (position >= this.shown) {
      this.shown = (Math.floor(position / PAGE) + 1) * PAGE;
      ready = this.update();
    }
    ready.then(function () {
      var section = self.results.querySelector("section.year[data-year=\"" + key + "\"]");
      if (section && month) section = section.querySelector("section.month[data-month=\"" + month + "\"]") || section;
      var heading = section && section.querySelector("h2, h3");
      if (!heading) return;
      heading.setAttribute("tabindex", "-1");
      heading.scrollIntoView({block: "start"});
      heading.focus({preventScroll: true});
    });
  };

  // An entry as _macros.html's event_item draws it (a browser test compares them), without id and <time>.
  Finder.prototype.item = function (meta, row) {
    var col = meta.col, flags = row[col.flags], publishers = row[col.publishers], span = row[col.span];
    var draft = flags.indexOf("u") >= 0, strings = this.strings, base = this.base, status = row[col.status];
    var precision = meta.precisions[flags.charAt(0)];
    var item = el("li", "event precision-" + precision + (flags.indexOf("a") >= 0 ? " approximate" : "")
      + (flags.indexOf("?") >= 0 ? " uncertain" : "") + (flags.indexOf("o") >= 0 ? " ongoing" : "")
      + (span ? " range" : "") + (draft ? " draft" : "") + (status ? " " + status : "")
      + (row[col.superseded] ? " superseded" : ""));
    var when = el("p", "event-when"), date = el("a", "event-date"), text = row[col.date];
    if (flags.indexOf("c") >= 0) {  // an estimate's "c.", explained as on the timeline
      date.appendChild(el("abbr", "", strings.circa)).title = strings.about;
      text = text.slice(strings.circa.length);
    }
    date.appendChild(document.createTextNode(text));
    date.href = this.timelineHref(meta, row);
    when.appendChild(date);
    if (span) {
      when.appendChild(document.createTextNode(" "));
      when.appendChild(el("span", "event-span", span));
    }
    if (status) {  // a status other than the default, in words (as _macros.html's status_badge)
      when.appendChild(document.createTextNode(" "));
      when.appendChild(el("span", "badge status status-" + status, row[col.status_label]));
    }
    if (row[col.superseded]) {  // a newer event supersedes it, in words (as _macros.html's superseded_badge)
      when.appendChild(document.createTextNode(" "));
      when.appendChild(el("span", "badge superseded", row[col.superseded]));
    }
    if (draft) {
      when.appendChild(document.createTextNode(" "));
      when.appendChild(el("span", "badge", strings.draft));
    }
    item.appendChild(when);
    var body = el("div", "event-body");
    var title = own(el(row[col.month] ? "h4" : "h3", "event-title")), link = el("a");
    // a retracted event's title stays, struck through (title_text)
    link.appendChild(status === "retracted" ? el("s", "", row[col.title]) : document.createTextNode(row[col.title]));
    link.href = base + row[col.id] + "/";
    title.appendChild(link);
    body.appendChild(title);
    if (row[col.retraction]) body.appendChild(own(el("p", "event-retraction", strings.retracted + ": " + row[col.retraction])));
    if (row[col.place]) body.appendChild(own(el("p", "event-place", row[col.place])));
    var sources = el("p", "event-sources", !publishers.length ? strings.nosources
      : (publishers.length > 1 || flags.indexOf("s") < 0 ? strings.sources : strings.source) + ": ");
    publishers.forEach(function (name, i) {
      if (i) sources.appendChild(document.createTextNode(", "));
      sources.appendChild(el("bdi", "", name));
    });
    if (publishers.length) {  // one publisher is a single source, more are independent ones (corroboration_badge)
      sources.appendChild(document.createTextNode(" · "));
      sources.appendChild(publishers.length > 1
        ? el("span", "independent", strings.independent.replace("{n}", publishers.length))
        : el("span", "single", strings.single));
    }
    body.appendChild(sources);
    if (row[col.tags].length) {
      var tags = el("ul", "tags");
      tags.setAttribute("aria-label", strings.tags);
      var paths = this.tagPaths || Object.create(null);
      row[col.tags].forEach(function (tag) {
        var li = el("li"), a = own(el("a", "", tag));
        a.href = base + (paths[tag] || "tags/");
        li.appendChild(a);
        tags.appendChild(li);
      });
      body.appendChild(tags);
    }
    item.appendChild(body);
    return item;
  };

  /* --- the year in view ------------------------------------------------------------------ */

  // Scroll the row of years sideways, never the page, so that a year's pill is in view: centred in
  // the row, unless it is already clear of the row's edges and of the fade over its end (2.5rem).
  // Gliding only while following the reader's scrolling, and only when motion is welcome.
  function showPill(link, glide) {
    var row = link.closest("ul"), box = link.getBoundingClientRect(), frame = row.getBoundingClientRect();
    var fade = 2.5 * parseFloat(getComputedStyle(document.documentElement).fontSize);
    if (box.left >= frame.left + fade && box.right <= frame.right - fade) return;
    var calm = !window.matchMedia || matchMedia("(prefers-reduced-motion: reduce)").matches;
    row.scrollBy({left: box.left - frame.left - (frame.width - box.width) / 2, behavior: glide && !calm ? "smooth" : "auto"});
  }

  // A year's page (or the first year of a split timeline) opens with its own year's pill in view.
  function showCurrentYear() {
    var current = document.querySelector("nav.years a[aria-current]");
    if (current) showPill(current, false);
  }

  function followYears() {
    var nav = document.querySelector("nav.years");
    var sections = document.querySelectorAll("#timeline > .year");
    if (!nav || sections.length < 2 || !("IntersectionObserver" in window)) return;
    var links = {};
    Array.prototype.forEach.call(nav.querySelectorAll("a"), function (a) {
      var hash = a.getAttribute("href").split("#")[1];
      if (hash) links[hash] = a;
    });
    var visible = {};
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        visible[entry.target.getAttribute("aria-labelledby")] = entry.isIntersecting;
      });
      var current = null;
      Array.prototype.some.call(sections, function (section) {
        var id = section.getAttribute("aria-labelledby");
        if (visible[id]) { current = id; return true; }
        return false;
      });
      if (!current) return;
      Object.keys(links).forEach(function (id) {
        if (id === current) {
          links[id].setAttribute("aria-current", "true");
          showPill(links[id], true);
        } else {
          links[id].removeAttribute("aria-current");
        }
      });
    }, {rootMargin: "-64px 0px -55% 0px"});
    Array.prototype.forEach.call(sections, function (section) { observer.observe(section); });
  }

  /* --- copy link --------------------------------------------------------------------------- */

  function copyLinks() {
    Array.prototype.forEach.call(document.querySelectorAll("button.copy-link"), function (button) {
      if (!navigator.clipboard || !window.isSecureContext) return;
      var status = button.parentNode.querySelector(".copy-status");
      button.hidden = false;
      button.addEventListener("click", function () {
        var canonical = document.querySelector("link[rel=canonical]");
        var address = canonical ? canonical.href : location.origin + location.pathname;
        navigator.clipboard.writeText(address).then(function () {
          status.textContent = button.getAttribute("data-copied");
        }, function () {
          status.textContent = address;
        });
      });
    });
  }

  function start() {
    copyLinks();
    showCurrentYear();
    followYears();
    var box = document.getElementById("finder");
    if (box && window.fetch && window.URLSearchParams && window.Intl && Intl.PluralRules) {
      new Finder(box).start();
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
