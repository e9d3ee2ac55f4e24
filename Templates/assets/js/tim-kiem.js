// Search with no server. The index is split (see toasoan's SearchIndex.swift): a manifest,
// term shards by the first letters of a folded word, and small chunks of article summaries.
// A query fetches the manifest, one shard per word and the chunks of the results it shows;
// "Xem thêm" fetches the chunks of the next results.
(function () {
  "use strict";
  var PAGE = 20;
  var form = document.querySelector("form.search-page-form");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var status = document.querySelector(".search-status");
  var list = document.querySelector(".search-results");
  var indexURL = form.getAttribute("data-index");
  var baseURL = indexURL.replace(/index\.json$/, "");
  var cache = {};
  var generation = 0;  // a newer query wins over the answers of an older one

  function getJSON(url) {
    if (!cache[url]) {
      cache[url] = fetch(url).then(function (response) {
        if (!response.ok) throw new Error(url + ": " + response.status);
        return response.json();
      });
    }
    return cache[url];
  }

  // The same folding as toasoan's TextFolding.fold: no marks, đ/Đ/Ð → d, lower case.
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[đĐÐð]/g, "d").toLowerCase();
  }

  function words(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 0; });
  }

  // The shard holding a word: the longest shard name that begins it.
  function shardName(word, manifest) {
    if (!/^[a-z0-9]/.test(word)) return "_";
    for (var length = word.length; length > 0; length--) {
      var prefix = word.slice(0, length);
      if (manifest.shards.indexOf(prefix) >= 0) return prefix;
    }
    return null;
  }

  function undelta(list) {
    var out = [], value = 0;
    for (var i = 0; i < list.length; i++) { value += list[i]; out.push(value); }
    return out;
  }

  // Scores of the articles holding one query word: 10 for a title hit, 1 for other text.
  // The last word also matches as a prefix ("dan" finds "dang"), for typing in progress.
  function scoresFor(word, isLast, manifest) {
    var shard = shardName(word, manifest);
    if (shard === null || manifest.shards.indexOf(shard) < 0) return Promise.resolve({});
    return getJSON(baseURL + "t/" + shard + ".json").then(function (terms) {
      var scores = {};
      Object.keys(terms).forEach(function (term) {
        var exact = term === word;
        if (!exact && !(isLast && word.length >= 2 && term.indexOf(word) === 0)) return;
        var weight = exact ? 1 : 0.5;
        undelta(terms[term][0]).forEach(function (id) {
          scores[id] = Math.max(scores[id] || 0, 10 * weight);
        });
        undelta(terms[term][1]).forEach(function (id) {
          scores[id] = Math.max(scores[id] || 0, 1 * weight);
        });
      });
      return scores;
    });
  }

  function search(query) {
    var mine = ++generation;
    var queryWords = words(query);
    if (queryWords.length === 0) {
      status.textContent = "";
      list.textContent = "";
      var old = document.querySelector(".search-more");
      if (old) old.remove();
      return;
    }
    status.textContent = "Đang tìm…";
    getJSON(indexURL).then(function (manifest) {
      return Promise.all(queryWords.map(function (word, i) {
        return scoresFor(word, i === queryWords.length - 1, manifest);
      })).then(function (perWord) {
        var total = perWord[0];
        var hits = Object.keys(total).filter(function (id) {
          return perWord.every(function (scores) { return id in scores; });
        }).map(function (id) {
          var score = perWord.reduce(function (sum, scores) { return sum + scores[id]; }, 0);
          return { id: Number(id), score: score };
        });
        // Title matches first, then newer articles (lower numbers are newer).
        hits.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
        if (mine !== generation) return;
        list.textContent = "";
        status.textContent = hits.length === 0 ? "Không tìm thấy bài viết nào."
          : "Tìm thấy " + hits.length + " bài viết.";
        return showMore(hits, 0, manifest, queryWords, mine);
      });
    }).catch(function () {
      status.textContent = "Không tải được chỉ mục tìm kiếm.";
    });
  }

  // Shows hits[from ..< from + PAGE], fetching only the chunks they live in.
  function showMore(hits, from, manifest, queryWords, mine) {
    var shown = hits.slice(from, from + PAGE);
    var chunks = {};
    shown.forEach(function (hit) { chunks[Math.floor(hit.id / manifest.chunkSize)] = true; });
    return Promise.all(Object.keys(chunks).map(function (chunk) {
      return getJSON(baseURL + "d/" + chunk + ".json").then(function (docs) { return [chunk, docs]; });
    })).then(function (loaded) {
      if (mine !== generation) return;
      var docs = {};
      loaded.forEach(function (pair) { docs[pair[0]] = pair[1]; });
      render(shown.map(function (hit) {
        return docs[Math.floor(hit.id / manifest.chunkSize)][hit.id % manifest.chunkSize];
      }), queryWords);
      var old = document.querySelector(".search-more");
      if (old) old.remove();
      if (from + PAGE < hits.length) {
        var more = document.createElement("button");
        more.type = "button";
        more.className = "search-more";
        more.textContent = "Xem thêm";
        more.addEventListener("click", function () { showMore(hits, from + PAGE, manifest, queryWords, mine); });
        list.after(more);
      }
    });
  }

  // Puts the text in as text, marking the words of the query.
  function appendHighlighted(parent, text, queryWords) {
    text.split(/(\s+)/).forEach(function (part) {
      var folded = fold(part).replace(/[^\p{L}\p{N}]/gu, "");
      var hit = folded && queryWords.some(function (w) { return folded.indexOf(w) === 0; });
      if (hit) {
        var mark = document.createElement("mark");
        mark.textContent = part;
        parent.appendChild(mark);
      } else {
        parent.appendChild(document.createTextNode(part));
      }
    });
  }

  function render(docs, queryWords) {
    docs.forEach(function (doc) {
      var item = document.createElement("li");
      item.className = "search-result";
      var title = document.createElement("a");
      title.href = doc[1];
      title.className = "search-result-title";
      appendHighlighted(title, doc[0], queryWords);
      var meta = document.createElement("p");
      meta.className = "item-meta";
      meta.textContent = doc[2] + " · " + doc[3];
      var snippet = document.createElement("p");
      snippet.className = "item-summary";
      appendHighlighted(snippet, doc[4], queryWords);
      item.appendChild(title);
      item.appendChild(meta);
      item.appendChild(snippet);
      list.appendChild(item);
    });
  }

  var initial = new URLSearchParams(window.location.search).get("q") || "";
  input.value = initial;
  search(initial);
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var url = new URL(window.location.href);
      url.searchParams.set("q", input.value);
      history.replaceState(null, "", url);
      search(input.value);
    }, 200);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); search(input.value); });
})();
