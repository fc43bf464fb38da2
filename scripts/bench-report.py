#!/usr/bin/python3
# bench-report.py DIR: read the hugeacct-bench output of every boot in DIR
# (DIR/<accel>-<kernel>-<round>/tap.log), and write DIR/results.txt (a
# table: per benchmark and mode, base and patched median and spread, the
# ratio patched/base, the A/A ratio of the second base boots to the first
# (what a ratio of two identical kernels looks like: the floor), the
# patched - base difference per operation, and the verdict against the
# target) and DIR/ratios.svg (the ratios as a bar chart).
import os
import statistics
import sys

TARGET = 1.005
# Anonymous THP faults of every size: the hot path the series touches.
TARGET_ANON_THP = 1.003


def target(name):
    return TARGET_ANON_THP if name.startswith('anon_fault_thp_') else TARGET


def load(d):
    runs = {}   # (accel, kernel) -> {bench: [ns, ...]}
    for entry in sorted(os.listdir(d)):
        path = os.path.join(d, entry, 'tap.log')
        if not os.path.isfile(path):
            continue
        accel, kernel, _ = entry.split('-')
        data = runs.setdefault((accel, kernel), {})
        with open(path, errors='replace') as f:
            for line in f:
                w = line.split()
                if len(w) == 3 and w[1] != 'skip':
                    data.setdefault(w[0], []).append(float(w[2]))
    return runs


def spread(v):
    # (max - min) / median over every repetition of every boot, in %
    m = statistics.median(v)
    return 100.0 * (max(v) - min(v)) / m if m else 0.0


def table(runs):
    rows = []
    for accel in ('icount', 'tcg'):
        base = runs.get((accel, 'base'), {})
        patched = runs.get((accel, 'patched'), {})
        for name in patched:
            p = patched[name]
            b = base.get(name)
            row = {'accel': accel, 'name': name, 'p': statistics.median(p),
                   'ps': spread(p), 'n': len(p)}
            if b:
                row.update(b=statistics.median(b), bs=spread(b))
                row['ratio'] = row['p'] / row['b']
                b2 = runs.get((accel, 'base2'), {}).get(name)
                if b2:
                    row['aa'] = statistics.median(b2) / row['b']
            rows.append(row)
    return rows


def text(rows):
    out = ['%-24s %-6s %12s %7s %12s %7s %7s %7s %9s  %s' %
           ('benchmark', 'mode', 'base ns/op', 'spread', 'patched', 'spread',
            'ratio', 'A/A', 'delta', 'verdict')]
    for r in rows:
        if 'ratio' in r:
            verdict = ('ok' if r['ratio'] <= target(r['name']) else 'OVER') \
                if r['accel'] == 'icount' else '(wall clock)'
            if r['accel'] == 'icount':
                verdict += ' (<= %.3f)' % target(r['name'])
            aa = '%7.4f' % r['aa'] if 'aa' in r else '%7s' % '-'
            out.append('%-24s %-6s %12.0f %6.1f%% %12.0f %6.1f%% %7.4f %s %+9.0f  %s' %
                       (r['name'], r['accel'], r['b'], r['bs'], r['p'],
                        r['ps'], r['ratio'], aa, r['p'] - r['b'], verdict))
        else:
            out.append('%-24s %-6s %12s %7s %12.0f %6.1f%% %7s %7s %9s  %s' %
                       (r['name'], r['accel'], '-', '', r['p'], r['ps'], '-',
                        '-', '-', 'new file, no base'))
    return '\n'.join(out) + '\n'


def svg(rows):
    rows = [r for r in rows if 'ratio' in r]
    bar_h, gap, left, width = 14, 6, 190, 420
    lo, hi = 0.95, 1.05
    height = 40 + len(rows) * (bar_h + gap)

    def x(v):
        return left + (min(max(v, lo), hi) - lo) / (hi - lo) * width
    s = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
         'font-family="sans-serif" font-size="11">' % (left + width + 70,
                                                        height)]
    s.append('<text x="%d" y="14">patched / base (icount: blue, wall clock: '
             'grey); line: target %.3f</text>' % (left, TARGET))
    for i, r in enumerate(rows):
        y = 24 + i * (bar_h + gap)
        colour = '#3060c0' if r['accel'] == 'icount' else '#a0a0a0'
        x0, x1 = sorted((x(1.0), x(r['ratio'])))
        s.append('<text x="%d" y="%d" text-anchor="end">%s (%s)</text>' %
                 (left - 6, y + 11, r['name'], r['accel']))
        s.append('<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="%s"/>'
                 % (x0, y, max(x1 - x0, 1), bar_h, colour))
        s.append('<text x="%d" y="%d">%.4f</text>' %
                 (left + width + 6, y + 11, r['ratio']))
    for v, dash in ((1.0, ''), (TARGET, ' stroke-dasharray="4 3"')):
        s.append('<line x1="%.1f" y1="20" x2="%.1f" y2="%d" stroke="black"%s/>'
                 % (x(v), x(v), height - 4, dash))
    s.append('<text x="%d" y="%d">%.2f</text>' % (left - 8, height - 2, lo))
    s.append('<text x="%d" y="%d">%.2f</text>' % (left + width - 16,
                                                   height - 2, hi))
    s.append('</svg>')
    return '\n'.join(s) + '\n'


def main():
    d = sys.argv[1]
    rows = table(load(d))
    if not rows:
        sys.exit('bench-report: no results in %s' % d)
    t = text(rows)
    with open(os.path.join(d, 'results.txt'), 'w') as f:
        f.write(t)
    with open(os.path.join(d, 'ratios.svg'), 'w') as f:
        f.write(svg(rows))
    sys.stdout.write(t)
    over = [r['name'] for r in rows
            if r['accel'] == 'icount' and r.get('ratio', 0) > target(r['name'])]
    aa = [r['aa'] for r in rows if 'aa' in r]
    print('%d benchmarks, %d over target under icount (%.3f for anon THP '
          'faults, %.3f for the rest)%s' %
          (len([r for r in rows if r['accel'] == 'icount']), len(over),
           TARGET_ANON_THP, TARGET, (': ' + ', '.join(over)) if over else ''))
    if aa:
        print('A/A floor (second base boots / first): %.4f to %.4f' %
              (min(aa), max(aa)))
    print('table: %s, chart: %s' % (os.path.join(d, 'results.txt'),
                                    os.path.join(d, 'ratios.svg')))


main()
