#!/usr/bin/env python3
"""labels.py FRAME.txt FRAME.json [...] - checks that no two different
series, rows or slices of one panel read the same once their names are cut:
in each panel box of a --once text frame, a cut label ("agent-r…h4n2v")
shown more than once fails when it could stand for two different label
values (or joins of a series' label values) of that panel in the --once
JSON of the same instant. Prints what fails; exit status 1 when any."""
import sys, re, json, itertools
def boxes(lines):
    out = []
    for y, line in enumerate(lines):
        for m in re.finditer('╭', line):
            x = m.start()
            t = re.match(r'╭ (.*?) ─', line[x:])
            title = t.group(1) if t else '?'
            r = line.find('╮', x)
            if r < 0: continue
            inner = []
            for yy in range(y + 1, len(lines)):
                l2 = lines[yy]
                if len(l2) > x and l2[x] == '╰': break
                inner.append(l2[x + 1:r])
            out.append((title, inner))
    return out
def keys(line):
    for chunk in re.split(r' {2,}| (?=[●■▲•█] )', line):
        toks = re.sub(r'^[●■▲•◆▪█*o!#=%@+x] ', '', chunk.strip()).split(' ')
        key = []
        for t in toks:
            if key and (re.match(r'^[-+$0-9.]', t) or re.match('^[\u2580-\u259f\u2800-\u28ff·]', t)):
                break
            key.append(t)
        k = ' '.join(key)
        if '…' in k or '~' in k:
            yield k
def candidates(panel):
    c = set()
    for q in panel.get('queries', []):
        for s in q.get('series', []):
            vals = [v for n, v in s['labels'].items() if n != '__name__']
            c.update(vals)
            for k in range(2, min(3, len(vals)) + 1):
                for perm in itertools.permutations(vals, k):
                    c.add(' '.join(perm))
    return c
def matches(k, cands):
    parts = re.split('[…~]', k)
    rx = '^' + '.*'.join(re.escape(p) for p in parts) + '$'
    return {c for c in cands if re.match(rx, c)}
bad = []
for txt, js in zip(sys.argv[1::2], sys.argv[2::2]):
    lines = open(txt, encoding='utf-8').read().split('\n')
    panels = {p['title']: p for p in json.load(open(js))['panels']}
    for title, inner in boxes(lines):
        p = next((p for t, p in panels.items() if t == title or (title.endswith('…') and t.startswith(title[:-1]))), None)
        if not p: continue
        cands = candidates(p)
        seen = {}
        for l in inner:
            for k in keys(l):
                seen[k] = seen.get(k, 0) + 1
        for k, n in seen.items():
            if n > 1 and len(matches(k, cands)) > 1:
                bad.append('%s: %s: "%s" shown %d times for %s' % (txt.split('/')[-1], title, k, n, sorted(matches(k, cands))[:4]))
print('\n'.join(bad))
sys.exit(1 if bad else 0)
