#!/usr/bin/env python3
"""Bytes a reader's first search downloads, as tim-kiem.js fetches them.

Usage: scripts/search-first-query.py OUTPUT_DIR [QUERY ...]
For each query: the manifest, the shard of each word (the longest shard name that begins
it) and the document chunks of the first 20 results (ranked as the script ranks them).
"""
import json, os, sys, unicodedata

PAGE = 20

def fold(text):
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if not ("\u0300" <= c <= "\u036f"))
    return text.translate(str.maketrans("đĐÐð", "dddd")).lower()

def words(text):
    out, cur = [], ""
    for c in fold(text):
        if c.isalnum():
            cur += c
        elif cur:
            out.append(cur); cur = ""
    return out + ([cur] if cur else [])

def main():
    root = os.path.join(sys.argv[1], "tim-kiem")
    queries = sys.argv[2:] or ["dang", "Đảng", "xây dựng Đảng", "tổ chức cơ sở đảng", "nguyễn", "thi đua"]
    manifest_path = os.path.join(root, "index.json")
    manifest = json.load(open(manifest_path))
    def size(p): return os.path.getsize(os.path.join(root, p))
    shard_sizes = [size("t/" + s + ".json") for s in manifest["shards"]]
    chunk_files = os.listdir(os.path.join(root, "d"))
    print(f"{manifest['documents']} articles: manifest {os.path.getsize(manifest_path)} B, "
          f"{len(shard_sizes)} term shards (largest {max(shard_sizes)//1024} KB, total {sum(shard_sizes)//1024} KB), "
          f"{len(chunk_files)} document chunks (largest {max(size('d/'+c) for c in chunk_files)//1024} KB)")
    for query in queries:
        fetched = {"index.json": os.path.getsize(manifest_path)}
        per_word = []
        ws = words(query)
        for i, w in enumerate(ws):
            shard = next((w[:n] for n in range(len(w), 0, -1) if w[:n] in manifest["shards"]), None)
            scores = {}
            if shard:
                fetched["t/" + shard + ".json"] = size("t/" + shard + ".json")
                terms = json.load(open(os.path.join(root, "t", shard + ".json")))
                for term, (title, other) in terms.items():
                    exact = term == w
                    if not exact and not (i == len(ws) - 1 and len(w) >= 2 and term.startswith(w)):
                        continue
                    weight = 1 if exact else 0.5
                    for lst, base in ((title, 10), (other, 1)):
                        v = 0
                        for d in lst:
                            v += d
                            scores[v] = max(scores.get(v, 0), base * weight)
            per_word.append(scores)
        hits = [(sum(s[d] for s in per_word), d) for d in per_word[0] if all(d in s for s in per_word)] if per_word else []
        hits.sort(key=lambda h: (-h[0], h[1]))
        for _, d in hits[:PAGE]:
            chunk = f"d/{d // manifest['chunkSize']}.json"
            fetched[chunk] = size(chunk)
        total = sum(fetched.values())
        print(f"  {query!r}: {len(hits)} results, first search fetches {len(fetched)} files, {total/1024:.0f} KB")

main()
