#!/usr/bin/env python3
"""Other signals for ranking solutions, explored offline on the tuning split only (docs/benchmarks.md, "Answer quality",
session 9). Input: the table `bench/run-answers.sh --reports FILE` writes (every mapped report of the ProtonDB dump).
Questions: reports from the cut-off to --before that worked, show a symptom and tried a solution the knowledge holds,
as in the bench; candidates: the solutions tried on a knowledge report showing the asked symptom (or a narrower one).
Each feature set is scored by k-fold cross-validation of the same conditional logit as RankingFit (Newton direction,
line search, ridge on within-question-standardised features). Needs numpy.

    python3 bench/answers-research/signals.py reports.tsv --cutoff 2020-02-01 --before 2020-03-15
"""
import argparse, collections, datetime as dt, random
import numpy as np

KINDS = ['gpu_vendor', 'gpu_family', 'gpu', 'driver', 'kernel', 'distribution', 'os', 'cpu_vendor', 'cpu_family', 'cpu', 'ram']
NAMES = ['global', 'symptom', 'product', 'recent', 'age'] + ['lift ' + k for k in KINDS]


def day(iso):
    return dt.datetime.fromisoformat(iso.replace('Z', '+00:00')).timestamp() / 86400


def read(path):
    reports = []
    for line in open(path, encoding='utf-8'):
        t, app, worked, asked, syms, items, tried = line.rstrip('\n').split('\t')
        reports.append(dict(t=day(t), app=app, worked=worked == '1', asked=asked, syms=[s for s in syms.split('|') if s],
                            items=[i for i in items.split('|') if i], tried=[s for s in tried.split('|') if s]))
    return sorted(reports, key=lambda r: r['t'])


def questions(reports, cutoff, before, limit, seed, lift_strength=20.0, recent_days=30.0):
    knowledge = [r for r in reports if r['t'] < cutoff]
    solutions = {s for r in knowledge for s in r['tried']}
    candidates, first = collections.defaultdict(set), {}
    worked, by_symptom, by_product = collections.Counter(), collections.defaultdict(collections.Counter), collections.defaultdict(collections.Counter)
    by_item, recent = collections.defaultdict(collections.Counter), []
    for r in knowledge:
        for s in r['tried']:
            first.setdefault(s, r['t'])
            for y in r['syms']:
                candidates[y].add(s)
        if r['worked']:
            recent.append((r['t'], r['tried']))
            for s in r['tried']:
                worked[s] += 1
                by_product[r['app']][s] += 1
                for y in r['syms']:
                    by_symptom[y][s] += 1
                for i in r['items']:
                    by_item[i][s] += 1
    asked = [r for r in reports if cutoff <= r['t'] < before and r['worked'] and r['syms'] and solutions.intersection(r['tried'])]
    random.Random(seed).shuffle(asked)
    total = sum(worked.values())
    out = []
    for q in asked[:limit]:
        c = sorted(candidates[q['asked']])
        relevant = np.array([s in q['tried'] for s in c])
        if not relevant.any():
            continue
        k = len(c)

        def share(counts):
            x = np.array([counts.get(s, 0) for s in c], float)
            return np.log((x + 0.5) / (x.sum() + 0.5 * k))
        now = collections.Counter()
        for t, tried in recent:
            for s in tried:
                now[s] += 0.5 ** ((q['t'] - t) / recent_days)
        columns = [share(worked), share(by_symptom[q['asked']]), share(by_product[q['app']]), share(now),
                   np.array([np.log1p(max(0.0, q['t'] - first.get(s, q['t']))) for s in c])]
        prior = np.array([worked.get(s, 0) / total + 1e-9 for s in c])
        for kind in KINDS:
            mine = next((i for i in q['items'] if i.startswith(kind + '=')), None)
            counts = by_item.get(mine) if mine else None
            if not counts:
                columns.append(np.zeros(k))
                continue
            x = np.array([counts.get(s, 0) for s in c], float)
            # log P(s | my item) / P(s), the item's share shrunk toward the global one (a Dirichlet posterior mean).
            columns.append(np.log((x + lift_strength * prior) / (sum(counts.values()) + lift_strength)) - np.log(prior))
        out.append(dict(X=np.column_stack(columns), y=relevant, ids=c, global_=np.array([worked.get(s, 0) for s in c], float),
                        symptom=np.array([by_symptom[q['asked']].get(s, 0) for s in c], float),
                        product=np.array([by_product[q['app']].get(s, 0) for s in c], float)))
    return out


def lse(s):
    m = s.max()
    return m + np.log(np.exp(s - m).sum())


def fit(examples, ridge=1.0):
    """The conditional logit of RankingFit (bench/src/main/java/.../answers/RankingFit.java), in numpy."""
    d = examples[0][0].shape[1]
    scale = np.vstack([x - x.mean(0) for x, _ in examples]).std(0)
    safe = np.where(scale > 1e-12, scale, 1.0)
    data = [(np.where(scale > 1e-12, x / safe, 0.0), y) for x, y in examples]

    def objective(w):
        return sum(lse((x @ w)[y]) - lse(x @ w) for x, y in data) - ridge / 2 * w @ w
    w, value = np.zeros(d), objective(np.zeros(d))
    for _ in range(200):
        g, h = -ridge * w, ridge * np.eye(d)
        for x, y in data:
            s = x @ w
            p, q = np.exp(s - lse(s)), np.where(y, np.exp(s - lse(s[y])), 0.0)
            mean = p @ x
            g, h = g + q @ x - mean, h + (x.T * p) @ x - np.outer(mean, mean)
        step, t = np.linalg.solve(h, g), 1.0
        while t > 1e-12:
            nxt = objective(w + t * step)
            if nxt >= value + 1e-4 * t * (g @ step):
                break
            t /= 2
        if not nxt >= value:
            break
        gain, w, value = nxt - value, w + t * step, nxt
        if gain < 1e-12 * (1 + abs(value)):
            break
    return np.where(scale > 1e-12, w / safe, 0.0)


def rank(scores, e):
    order = sorted(range(len(e['ids'])), key=lambda i: (-scores[i], e['ids'][i]))[:10]
    return next((n + 1 for n, i in enumerate(order) if e['y'][i]), 0)


def mrr(ranks):
    return float(np.mean([1 / r if r else 0 for r in ranks]))


def main():
    a = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    a.add_argument('reports')
    a.add_argument('--cutoff', default='2020-02-01')
    a.add_argument('--before', default='2020-03-15')
    a.add_argument('--questions', type=int, default=100000)
    a.add_argument('--seed', type=int, default=42)
    a.add_argument('--folds', type=int, default=5)
    a.add_argument('--ridge', type=float, default=1.0)
    o = a.parse_args()
    ex = questions(read(o.reports), day(o.cutoff + 'T00:00:00Z'), day(o.before + 'T00:00:00Z'), o.questions, o.seed)
    subset = np.array([not e['y'][sorted(range(len(e['ids'])), key=lambda i: (-e['global_'][i], e['ids'][i]))[0]] for e in ex])

    def show(name, ranks):
        r = np.array(ranks)
        print(f'{name:58s} MRR {mrr(r):.3f}   not most popular ({subset.sum()}) {mrr(r[subset]):.3f}', flush=True)
    print(f'{len(ex)} questions from {o.cutoff} to {o.before}; {o.folds}-fold cross-validation, ridge {o.ridge}')
    show('popularity (global)', [rank(e['global_'], e) for e in ex])
    show('popularity (symptom)', [rank(e['symptom'] + 1e-6 * e['global_'], e) for e in ex])
    show('popularity (product)', [rank(e['product'] + 1e-6 * e['global_'], e) for e in ex])
    everything = list(range(len(NAMES)))
    for name, cols, product_first in [('the three popularity shares', [0, 1, 2], False), ('+ recent share', [0, 1, 2, 3], False),
                                      ('+ age of the solution', [0, 1, 2, 3, 4], False), ('+ item lift per kind', everything, False),
                                      ('popularity within the product first, then all of the above', everything, True)]:
        ranks = [0] * len(ex)
        for f in range(o.folds):
            w = fit([(e['X'][:, cols], e['y']) for i, e in enumerate(ex) if i % o.folds != f], o.ridge)
            for i, e in enumerate(ex):
                if i % o.folds == f:
                    ranks[i] = rank(e['X'][:, cols] @ w + (1000 * e['product'] if product_first else 0), e)
        show(name, ranks)
    w = fit([(e['X'], e['y']) for e in ex], o.ridge)
    print('weights on all the questions:', ', '.join(f'{n} {x:.2f}' for n, x in zip(NAMES, w)))


if __name__ == '__main__':
    main()
