"""Writes docs/performance.md: the prose of performance.md.in with every {{figure}} read from a
harness output file, then that file embedded as written (headings moved two levels down).

    python3 bench/perfdoc/mkdoc.py bench/results/<run>.md docs/performance.md bench/results/<previous run>.md \
        [bench/results/<later check run>.md]
"""
import os
import re
import sys

def ms(v):
    v=v.strip().replace(',','')
    if v.endswith(' ms'): return float(v[:-3])
    if v.endswith(' s'): return float(v[:-2])*1000
    raise ValueError(v)
def parse(path):
    txt=open(path).read()
    out={}
    for sec in re.split(r'^## N = ', txt, flags=re.M)[1:]:
        n=int(sec.split(' ')[0].replace(',',''))
        d={}
        for sub in re.split(r'^### ', sec, flags=re.M)[1:]:
            key=sub[:3]
            rows={}
            for line in sub.splitlines():
                m=re.match(r'^\| ([^|]+) \| ([\d.,]+ m?s) \| ([\d.,]+ m?s) \| ([\d.,]+ m?s) \| ([\d.]+)× \|$', line)
                if m: rows[m.group(1).strip()]=dict(median=ms(m.group(2)),min=ms(m.group(3)),max=ms(m.group(4)),x=float(m.group(5)))
            d[key]=rows
        m=re.search(r'Load average \(1, 5, 15 min\) at the start ([\d. ]+); at the end ([\d. ]+)\.', sec)
        d['load']=(m.group(1),m.group(2)) if m else None
        out[n]=d
    return out

res_path = sys.argv[1]          # bench/results/<run>.md: the harness's output, as written
out_path = sys.argv[2]
R = parse(res_path)
raw = open(res_path).read()
started = re.search(r'Run started (\S+), took (\d+) min', raw)
commit = re.search(r'- Cairn: commit (\w+)', raw).group(1)

def fmt(ms):
    if ms >= 10000: return f"{ms/1000:.1f} s"
    if ms >= 100: return f"{ms:,.0f} ms"
    return f"{ms:.1f} ms" if ms >= 10 else f"{ms:.2f} ms"
def med(n, ph, tool): return R[n][ph][tool]['median']
def x(n, ph, tool): return R[n][ph][tool]['x']
def cell(n, ph, tool, bound=True):
    return f"{fmt(med(n,ph,tool))} ({x(n,ph,tool):.2f}×)" if bound else fmt(med(n,ph,tool))
def ratio(a, b): return f"{a/b:.1f}×"

def headline(n):
    a,b,c,d = '(a)','(b)','(c)','(d)'
    rows = []
    rows.append(f"| (a) apply {n:,} migrations | {cell(n,a,'cairn')} | {cell(n,a,'flyway')} | {cell(n,a,'liquibase')} | {fmt(med(n,a,'raw'))} |")
    rows.append(f"| (b) no-op migrate, in-process | {cell(n,b,'cairn')} | {cell(n,b,'flyway')} | {cell(n,b,'liquibase')} | {fmt(med(n,b,'raw'))} |")
    rows.append(f"| (c) status (Flyway: info) | {cell(n,c,'cairn status')} | {cell(n,c,'flyway info')} | {cell(n,c,'liquibase status')} | {fmt(med(n,c,'raw check (status/validate bound)'))} |")
    rows.append(f"| (c) validate | {cell(n,c,'cairn validate')} | {cell(n,c,'flyway validate')} | {cell(n,c,'liquibase validate')} | {fmt(med(n,c,'raw check (status/validate bound)'))} |")
    rows.append(f"| (d) whole-process no-op migrate | {cell(n,d,'./cairn migrate (no-op)')} | {cell(n,d,'Flyway main migrate (no-op)')} | {cell(n,d,'Liquibase main update (no-op)')} | {fmt(med(n,d,'raw-JDBC main (no-op migrate)'))}; `psql` {fmt(med(n,d,chr(112)+'sql -c '+chr(39)+'SELECT 1'+chr(39)))} |")
    rows.append(f"| (d) whole-process status | {cell(n,d,'./cairn status')} | {cell(n,d,'Flyway main info')} | {cell(n,d,'Liquibase main status')} | |")
    rows.append(f"| (d) whole-process validate | {cell(n,d,'./cairn validate')} | {cell(n,d,'Flyway main validate')} | | |")
    return "| phase | Cairn | Flyway | Liquibase | raw-JDBC bound |\n|---|---:|---:|---:|---:|\n" + "\n".join(rows)

P = parse(sys.argv[3])  # the previous run, for the before/after figures
C = parse(sys.argv[4]) if len(sys.argv) > 4 else None  # a later, shorter check run, if any
check_path = sys.argv[4] if len(sys.argv) > 4 else None
scal = {}
sc = raw[raw.index('## Scaling'):]
for line in sc.splitlines():
    m = re.match(r'^\| (apply|noop|status|process) \| ([^|]+) \|.*\| ([\d.]+×) \|$', line)
    if m: scal.setdefault(m.group(1), {})[m.group(2).strip()] = m.group(3)
R['scaling'] = scal
split_rate = re.search(r'^\| SqlSplitter.split \|.*\| (\d+) \|$', raw, re.M).group(1)
def pct(xv, target): return f"{(xv/target-1)*100:.0f}%"
T = {k: v for k, v in globals().items()}
text = open(os.path.join(os.path.dirname(__file__), 'performance.md.in')).read()
def sub(m):
    return str(eval(m.group(1), T))
doc = re.sub(r'\{\{(.+?)\}\}', sub, text)
body = re.sub(r'^(#+) ', lambda m: '#' * (len(m.group(1)) + 2) + ' ', raw, flags=re.M)
doc = doc.rstrip() + "\n\n<!-- generated: " + res_path + " -->\n\n" + body
open(out_path, 'w').write(doc)
