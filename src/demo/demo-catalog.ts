import { createSeededRandom } from './seeded-random.js';

export interface DemoProduct {
  id: string;
  title: string;
  categories: string[];
  price: number;
  currency: 'EUR';
  image: string;
  url: string;
  attributes: { brand: string; colour: string };
}

interface DemoDepartment {
  path: string;
  label: string;
  colour: string;
  nouns: string[];
  /** One line for the product pages of this department. */
  blurb: string;
}

export const DEMO_DEPARTMENTS: DemoDepartment[] = [
  {
    path: '/audio/headphones',
    label: 'Headphones',
    colour: '#3559e0',
    nouns: ['Headphones', 'Earbuds', 'Headset', 'Monitors'],
    blurb:
      'Tuned for long listening sessions, with soft memory-foam cushions and a balanced, warm sound.',
  },
  {
    path: '/audio/speakers',
    label: 'Speakers',
    colour: '#5b3fd1',
    nouns: ['Speaker', 'Soundbar', 'Radio', 'Subwoofer'],
    blurb:
      'Room-filling sound from a cabinet of oiled oak, with Bluetooth and a plain old line input.',
  },
  {
    path: '/kitchen/coffee',
    label: 'Coffee',
    colour: '#8a5a2b',
    nouns: ['Espresso Maker', 'Grinder', 'Pour-Over Kit', 'Milk Frother'],
    blurb:
      'For slow mornings: brushed steel, a pleasing weight in the hand and parts you can replace.',
  },
  {
    path: '/kitchen/cookware',
    label: 'Cookware',
    colour: '#c2410c',
    nouns: ['Skillet', 'Dutch Oven', 'Saucepan', 'Wok'],
    blurb:
      'Heavy-gauge, oven-safe and induction-ready; seasoned once, it gets better with every meal.',
  },
  {
    path: '/outdoor/running',
    label: 'Running',
    colour: '#15803d',
    nouns: ['Running Shoes', 'Trail Shoes', 'Running Vest', 'Socks'],
    blurb: 'Light, breathable and built for the long way home, on tarmac or on forest trails.',
  },
  {
    path: '/outdoor/camping',
    label: 'Camping',
    colour: '#4d7c0f',
    nouns: ['Tent', 'Sleeping Bag', 'Headlamp', 'Camp Stove'],
    blurb: 'Packs small, sets up fast and shrugs off a night of Nordic weather.',
  },
  {
    path: '/home/lighting',
    label: 'Lighting',
    colour: '#ca8a04',
    nouns: ['Desk Lamp', 'Floor Lamp', 'Pendant', 'Smart Bulb'],
    blurb: 'Warm, dimmable light in a linen shade, for long evenings with a good book.',
  },
  {
    path: '/home/textiles',
    label: 'Textiles',
    colour: '#be185d',
    nouns: ['Throw', 'Cushion', 'Rug', 'Duvet Cover'],
    blurb: 'Woven from organic cotton and wool by a family mill, soft from the first day.',
  },
  {
    path: '/books/cooking',
    label: 'Cookbooks',
    colour: '#b91c1c',
    nouns: ['Cookbook', 'Baking Book', 'Pasta Guide', 'Spice Atlas'],
    blurb:
      'Clear recipes, honest photographs and a lay-flat binding that stays open on the counter.',
  },
  {
    path: '/books/travel',
    label: 'Travel guides',
    colour: '#0e7490',
    nouns: ['City Guide', 'Hiking Guide', 'Road Atlas', 'Phrasebook'],
    blurb: 'Written by people who live there: where to eat, where to walk and what to skip.',
  },
];

const ADJECTIVES = [
  'Aurora',
  'Nimbus',
  'Fjord',
  'Sierra',
  'Kestrel',
  'Lumen',
  'Ember',
  'Tundra',
  'Cobalt',
  'Sable',
  'Willow',
  'Atlas',
  'Orbit',
  'Halcyon',
  'Juniper',
];
const BRANDS = ['Nordlys', 'Parkway', 'Oakhaus', 'Brightline', 'Tidewater'];
const COLOURS = ['black', 'white', 'sand', 'forest', 'navy', 'rust'];

/** About 200 products in 10 departments, the same on every start (seeded). */
export function generateDemoCatalog(productsPerDepartment = 20): DemoProduct[] {
  const random = createSeededRandom(20261126);
  const products: DemoProduct[] = [];
  DEMO_DEPARTMENTS.forEach((department, d) => {
    for (let n = 0; n < productsPerDepartment; n += 1) {
      const id = `sku-${String(d * 100 + n + 1).padStart(4, '0')}`;
      const noun = department.nouns[n % department.nouns.length]!;
      const title = `${ADJECTIVES[(n * 7 + d) % ADJECTIVES.length]} ${noun}${n >= ADJECTIVES.length ? ' II' : ''}`;
      const base = 15 + random.integer(0, 20) * 5 + (noun.length % 4) * 20;
      products.push({
        id,
        title,
        categories: [department.path],
        price: base - 0.01,
        currency: 'EUR',
        image: `/demo/img/${id}.svg`,
        url: `/demo/product/${id}`,
        attributes: { brand: random.pick(BRANDS), colour: random.pick(COLOURS) },
      });
    }
  });
  return products;
}

export function findDepartment(path: string): DemoDepartment | undefined {
  return DEMO_DEPARTMENTS.find((department) => department.path === path);
}
