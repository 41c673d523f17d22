import type { RecographError } from '../core/http.js';
import type { LiveSubscription, Recograph } from '../core/recograph.js';
import type { Recommendation, RecommendedItem, RecommendOptions } from '../core/types.js';
import { whenReady } from './default-instance.js';
import { installElementStyles } from './element-styles.js';
import { createImpressionTracker } from './impression-tracker.js';
import {
  createHelpers,
  renderDefaultItem,
  renderFromTemplate,
  type ItemRenderer,
} from './render-item.js';
import { updateList } from './update-list.js';

/** Without a live list by then (socket blocked, server down), the box asks over HTTP once. */
const LIVE_FALLBACK_MS = 3000;
let headingCount = 0;

/** Registers <recograph-recommendations> (once; a no-op where custom elements do not exist). */
export function defineRecommendationsElement(tagName = 'recograph-recommendations'): void {
  if (typeof customElements === 'undefined' || customElements.get(tagName)) return;
  customElements.define(tagName, createElementClass());
}

function createElementClass() {
  // Built on demand: `class extends HTMLElement` cannot even be evaluated outside a browser.
  return class RecographRecommendationsElement extends HTMLElement {
    static observedAttributes = [
      'scenario',
      'context',
      'limit',
      'user',
      'exclude',
      'live',
      'heading',
      'label',
    ];
    /** The SDK instance to use; default: the page's first `Recograph.init` (or the auto-init). */
    declare client: Recograph | undefined; // no field initializer: it would wipe a value set before upgrade
    /** The list on display. */
    recommendation: Recommendation | undefined;
    private renderer: ItemRenderer | undefined;
    private section = document.createElement('section');
    private list = document.createElement('ul');
    private subscription: LiveSubscription | undefined;
    private fallbackTimer: ReturnType<typeof setTimeout> | undefined;
    private generation = 0;
    private restartQueued = false;
    private activeClient: Recograph | undefined;
    private impressions = createImpressionTracker(() => this.activeClient);

    constructor() {
      super();
      // A renderer set before the element was defined shadows the accessor: route it through it.
      if (Object.prototype.hasOwnProperty.call(this, 'render')) {
        const renderer = this.render;
        delete (this as { render?: ItemRenderer }).render;
        this.render = renderer;
      }
    }

    /** A custom renderer for each entry; setting it re-renders the list. */
    get render(): ItemRenderer | undefined {
      return this.renderer;
    }
    set render(renderer: ItemRenderer | undefined) {
      this.renderer = renderer;
      this.list.replaceChildren();
      if (this.recommendation) this.show(this.recommendation, false);
    }

    connectedCallback(): void {
      installElementStyles();
      this.section.className = 'rg-box';
      this.list.className = 'rg-list';
      this.list.setAttribute('role', 'list'); // keeps list semantics in Safari despite list-style: none
      if (!this.section.isConnected) {
        this.section.hidden = true;
        this.section.append(this.list);
        this.append(this.section);
      }
      this.addEventListener('click', this.onClick);
      this.addEventListener('auxclick', this.onClick);
      this.queueRestart();
    }

    disconnectedCallback(): void {
      this.removeEventListener('click', this.onClick);
      this.removeEventListener('auxclick', this.onClick);
      this.stop();
    }

    attributeChangedCallback(): void {
      if (this.isConnected) this.queueRestart();
    }

    /** Several attributes set in one go cause one new subscription. */
    private queueRestart(): void {
      if (this.restartQueued) return;
      this.restartQueued = true;
      queueMicrotask(() => {
        this.restartQueued = false;
        if (this.isConnected) void this.start();
      });
    }

    private stop(): void {
      this.generation++;
      clearTimeout(this.fallbackTimer);
      this.subscription?.close();
      this.subscription = undefined;
      this.impressions.stop();
    }

    private async start(): Promise<void> {
      this.stop();
      const generation = this.generation;
      this.labelBox();
      const scenario = this.getAttribute('scenario');
      if (!scenario)
        return this.fail(new TypeError('<recograph-recommendations> needs a scenario attribute'));
      const rg = this.client ?? (await whenReady());
      if (generation !== this.generation) return;
      this.activeClient = rg;
      const query = this.readQuery();
      let received = false;
      const show = (recommendation: Recommendation) => {
        if (generation !== this.generation) return;
        received = true;
        clearTimeout(this.fallbackTimer);
        this.show(recommendation, true);
      };
      const fetchOnce = () => {
        if (generation === this.generation && !received)
          rg.recommend(scenario, query).then(show, (error: Error) => this.fail(error));
      };
      if (this.getAttribute('live') === 'false') return fetchOnce();
      this.subscription = rg.live(scenario, query, show, (error: RecographError) => {
        this.fail(error);
        fetchOnce();
      });
      this.fallbackTimer = setTimeout(fetchOnce, LIVE_FALLBACK_MS);
    }

    private readQuery(): RecommendOptions {
      const limit = Number(this.getAttribute('limit'));
      return {
        user: this.getAttribute('user') ?? undefined,
        context: this.getAttribute('context') ?? undefined,
        exclude: this.getAttribute('exclude') ?? undefined,
        limit: Number.isInteger(limit) && limit > 0 ? limit : undefined,
      };
    }

    private labelBox(): void {
      const heading = this.getAttribute('heading');
      let element = this.section.querySelector<HTMLElement>(':scope > .rg-heading');
      if (heading) {
        element ??= this.section.insertBefore(document.createElement('h2'), this.list);
        element.className = 'rg-heading';
        element.id ||= `rg-heading-${++headingCount}`;
        element.textContent = heading;
        this.section.setAttribute('aria-labelledby', element.id);
        this.section.removeAttribute('aria-label');
      } else {
        element?.remove();
        this.section.removeAttribute('aria-labelledby');
        this.section.setAttribute(
          'aria-label',
          this.getAttribute('label') ?? 'Recommended for you',
        );
      }
    }

    private show(recommendation: Recommendation, animate: boolean): void {
      const helpers = createHelpers(
        recommendation.recommendationId,
        this.closest('[lang]')?.getAttribute('lang') || undefined,
      );
      const template = this.querySelector<HTMLTemplateElement>(':scope > template');
      const renderEntry = (item: RecommendedItem): Node => {
        if (this.renderer) return toNode(this.renderer(item, helpers));
        return template
          ? renderFromTemplate(template, item, helpers)
          : renderDefaultItem(item, helpers);
      };
      try {
        const entries = updateList(
          this.list,
          recommendation.items,
          recommendation.recommendationId,
          renderEntry,
          animate && this.recommendation !== undefined,
        );
        this.recommendation = recommendation;
        this.section.hidden = entries.length === 0;
        this.impressions.watch(recommendation.recommendationId, entries);
        this.dispatchEvent(new CustomEvent('recograph-render', { detail: recommendation }));
      } catch (error) {
        this.fail(error as Error);
      }
    }

    private onClick = (event: MouseEvent): void => {
      if (event.type === 'auxclick' && event.button !== 1) return; // middle click opens a tab; right click does not
      const target = event.target as Element | null;
      const entry = target?.closest<HTMLElement>('.rg-item');
      if (!target?.closest('a[href]') || !entry || !this.list.contains(entry)) return;
      const { itemId, itemType, recommendationId } = entry.dataset;
      if (itemId && recommendationId)
        this.activeClient?.track('click_recommended', { item: itemId, itemType, recommendationId });
    };

    private fail(error: Error): void {
      this.dispatchEvent(new CustomEvent('recograph-error', { detail: error }));
    }
  };
}

function toNode(content: Node | string): Node {
  if (typeof content !== 'string') return content;
  const template = document.createElement('template');
  template.innerHTML = content;
  return template.content;
}
