/**
 * `npm run eval:claims`: precision and recall of the claim extractor on the labelled corpus,
 * per topic and per (topic, stance), with the exhaustive topics' overall score.
 * `--json` writes the table as JSON; `--mistakes` (or `--misses`) lists every miss and extra
 * with its sentence; `--only <glob>` (repeatable, `*` wildcard) scores only the policies whose
 * name matches, e.g. `--only 'heldout-*'`; `--except <glob>` leaves them out.
 */
import { evaluate, EXHAUSTIVE, loadCorpus, TARGET_TOPICS, type Score } from './eval-core.js';

const argv = process.argv.slice(2);
const globs = (flag: string): RegExp[] =>
  argv.flatMap((a, i) => (a === flag && argv[i + 1] !== undefined ? [argv[i + 1] as string] : [])).map(
    (g) => new RegExp(`^${g.replace(/\.(?:claims\.json|txt|md|html)$/, '').replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`),
  );
const only = globs('--only');
const except = globs('--except');
const args = new Set(argv);
if (args.has('--misses')) args.add('--mistakes');
const corpus = loadCorpus().filter((f) => (only.length === 0 || only.some((g) => g.test(f.name))) && !except.some((g) => g.test(f.name)));
const result = evaluate(corpus);

if (args.has('--json')) {
  process.stdout.write(JSON.stringify({ files: corpus.length, ...result, mistakes: args.has('--mistakes') ? result.mistakes : undefined }, null, 2) + '\n');
} else {
  const row = (name: string, s: Score): string =>
    `${name.padEnd(38)} ${String(s.golden).padStart(6)} ${String(s.predicted).padStart(6)} ${s.recall.toFixed(3).padStart(7)} ${s.precision.toFixed(3).padStart(7)} ${s.stanceRecall.toFixed(3).padStart(8)} ${s.stancePrecision.toFixed(3).padStart(8)}`;
  const header = `${'topic'.padEnd(38)} ${'gold'.padStart(6)} ${'pred'.padStart(6)} ${'recall'.padStart(7)} ${'prec'.padStart(7)} ${'st.rec'.padStart(8)} ${'st.prec'.padStart(8)}`;
  const lines = [`corpus: ${corpus.length} policies`, '', header];
  for (const [topic, score] of Object.entries(result.perTopic)) {
    const mark = TARGET_TOPICS.includes(topic as never) ? ' *' : EXHAUSTIVE.includes(topic as never) ? ' +' : '';
    lines.push(row(topic + mark, score));
  }
  lines.push('', header);
  for (const [key, score] of Object.entries(result.perTopicStance)) lines.push(row(key, score));
  lines.push('', row('overall (exhaustive topics)', result.overall));
  lines.push('', '* target topics (stance precision >= 0.95, recall >= 0.90); + exhaustive topics');
  if (args.has('--mistakes')) {
    lines.push('');
    for (const m of result.mistakes) {
      lines.push(`${m.kind.padEnd(12)} ${m.file.padEnd(32)} ${m.topic.padEnd(22)} ${(m.expected ?? '-').padEnd(11)} ${(m.got ?? '-').padEnd(11)} ${m.quote.slice(0, 110)}`);
    }
  }
  process.stdout.write(lines.join('\n') + '\n');
}
