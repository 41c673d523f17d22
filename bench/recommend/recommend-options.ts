import { parseArgs } from 'node:util';

export const BENCH_MODELS = ['also_bought', 'personalized', 'popular'] as const;
export type BenchModel = (typeof BENCH_MODELS)[number];

export interface RecommendBenchOptions {
  users: number;
  items: number;
  interactions: number;
  categories: number;
  seed: number;
  /** Measured seconds per model, after `warmup` seconds at the same rate. */
  duration: number;
  warmup: number;
  rates: Record<BenchModel, number>;
  limit: number;
  url: string | undefined;
  adminToken: string | undefined;
  /** Reuse the site a previous run loaded with the same graph parameters (bench/results/). */
  reuse: boolean;
  /** Delete the site after the run (and forget it for --reuse). */
  drop: boolean;
  settleTimeoutMs: number;
}

export const RECOMMEND_BENCH_USAGE = `Usage: npm run bench:recommend -- [options]

  --users N            synthetic users (default 100000)
  --items N            catalogue items, a multiple of --categories (default 10000)
  --interactions N     view/buy events (default 1000000)
  --categories N       item categories (default 100)
  --seed N             generator seed (default 1)
  --duration S         measured seconds per model (default 30)
  --warmup S           seconds per model before that, at the same rate, reported apart (default 120:
                       the request-path caches of a just-started service fill in about two minutes)
  --rates LIST         requests/s per model (default also_bought=500,personalized=200,popular=500)
  --limit N            items per recommendation (default 10)
  --reuse              reuse the site a previous run loaded with the same graph parameters
  --drop               delete the site from the database after the run
  --url URL            benchmark the running service at URL (with --admin-token) instead of starting one
  --admin-token TOKEN  admin token of the service at --url
  --settle-timeout S   longest wait for the similarity refresher (default 1800)`;

export function parseRecommendBenchOptions(argv: string[]): RecommendBenchOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      users: { type: 'string', default: '100000' },
      items: { type: 'string', default: '10000' },
      interactions: { type: 'string', default: '1000000' },
      categories: { type: 'string', default: '100' },
      seed: { type: 'string', default: '1' },
      duration: { type: 'string', default: '30' },
      warmup: { type: 'string', default: '120' },
      rates: { type: 'string', default: 'also_bought=500,personalized=200,popular=500' },
      limit: { type: 'string', default: '10' },
      reuse: { type: 'boolean', default: false },
      drop: { type: 'boolean', default: false },
      url: { type: 'string' },
      'admin-token': { type: 'string' },
      'settle-timeout': { type: 'string', default: '1800' },
    },
  });
  if (values.url && !values['admin-token']) throw new RangeError('--url needs --admin-token');
  const items = readInteger('--items', values.items, 1, 10_000_000);
  const categories = readInteger('--categories', values.categories, 1, items);
  if (items % categories !== 0)
    throw new RangeError(`--items (${items}) must be a multiple of --categories (${categories})`);
  return {
    users: readInteger('--users', values.users, 1, 100_000_000),
    items,
    interactions: readInteger('--interactions', values.interactions, 1, 1_000_000_000),
    categories,
    seed: readInteger('--seed', values.seed, 0, 2 ** 31),
    duration: readInteger('--duration', values.duration, 1, 3600),
    warmup: readInteger('--warmup', values.warmup, 0, 3600),
    rates: parseRates(values.rates),
    limit: readInteger('--limit', values.limit, 1, 100),
    url: values.url,
    adminToken: values['admin-token'],
    reuse: values.reuse,
    drop: values.drop,
    settleTimeoutMs: readInteger('--settle-timeout', values['settle-timeout'], 1, 86_400) * 1000,
  };
}

/** `also_bought=500,personalized=200`: models left out keep their default; 0 skips a model. */
export function parseRates(text: string): Record<BenchModel, number> {
  const rates: Record<BenchModel, number> = { also_bought: 500, personalized: 200, popular: 500 };
  for (const part of text.split(',').filter(Boolean)) {
    const [model, rate] = part.split('=');
    if (!BENCH_MODELS.includes(model as BenchModel))
      throw new RangeError(`--rates: unknown model "${model}" (use ${BENCH_MODELS.join(', ')})`);
    rates[model as BenchModel] = readInteger(`--rates ${model}`, rate ?? '', 0, 100_000);
  }
  return rates;
}

function readInteger(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got "${text}"`);
  return value;
}
