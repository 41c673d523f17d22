// Demo only: the shop's own page code. It uses the SDK's public API as any site would: a render
// function for the recommendation boxes, `Recograph.whenReady()` to track what the visitor does.
(function () {
  'use strict';
  var BASKET_KEY = 'demo.basket';

  /** The catalogue holds absolute URLs; links keep only the path so the shop works on any host name. */
  function pathOf(url) {
    try {
      var parsed = new URL(url, location.href);
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
      return parsed.pathname.indexOf('/demo/') === 0 ? parsed.pathname : parsed.href;
    } catch (error) {
      return undefined;
    }
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  /** One tile of a recommendation box, the same as the shop's own product tiles. */
  function renderTile(item, helpers) {
    var fragment = document.createDocumentFragment();
    var link = element('a', 'rg-link');
    link.href = pathOf(item.attributes.url) || '/demo/product/' + encodeURIComponent(item.id);
    var image = pathOf(item.attributes.image);
    if (image) {
      var img = element('img', 'rg-image');
      Object.assign(img, { src: image, alt: '', width: 240, height: 240, loading: 'lazy' });
      link.append(img);
    }
    link.append(element('span', 'title', item.attributes.title || item.id));
    fragment.append(link);
    var price = helpers.formatPrice(item);
    if (price) fragment.append(element('span', 'price', price));
    return fragment;
  }

  document.querySelectorAll('recograph-recommendations').forEach(function (box) {
    box.render = renderTile;
  });

  // A scenario always fills up with popular items; "Recently viewed" shows only what was viewed.
  document.querySelectorAll('[data-box="recently-viewed"]').forEach(function (box) {
    box.hidden = true;
    box.addEventListener('recograph-render', function (event) {
      var own = 0;
      event.detail.items.forEach(function (item, index) {
        var viewed = item.model === 'recently_viewed';
        if (viewed) own += 1;
        var entry = box.querySelectorAll('.rg-item')[index];
        if (entry) entry.hidden = !viewed;
      });
      box.hidden = own === 0;
    });
  });

  function readBasket() {
    try {
      return Number(localStorage.getItem(BASKET_KEY)) || 0;
    } catch (error) {
      return 0;
    }
  }
  function showBasket(count) {
    try {
      localStorage.setItem(BASKET_KEY, String(count));
    } catch (error) {
      /* private mode: the count lives for this page only */
    }
    document.querySelectorAll('[data-basket-count]').forEach(function (badge) {
      badge.textContent = String(count);
    });
  }
  showBasket(readBasket());

  if (!window.Recograph) return; // the shop is still being stocked
  Recograph.whenReady().then(function (rg) {
    var visitor = document.querySelector('[data-visitor]');
    var showVisitor = function () {
      visitor.textContent = 'You are visitor ' + String(rg.user() || '').slice(0, 8) + '.';
    };
    showVisitor();
    visitor.parentElement.hidden = false;
    document.querySelector('[data-new-visitor]').addEventListener('click', function () {
      rg.logout().then(function () {
        showBasket(0);
        showVisitor(); // the live boxes follow the new visitor by themselves
      });
    });

    var product = document.querySelector('[data-product]');
    if (!product) return;
    var item = product.getAttribute('data-product');
    rg.track('view', { item: item });
    var status = product.querySelector('[data-action-status]');
    product.querySelectorAll('[data-action]').forEach(function (button) {
      button.addEventListener('click', function () {
        if (button.getAttribute('data-action') === 'buy') {
          var price = Number(product.getAttribute('data-price'));
          rg.track('buy', {
            item: item,
            quantity: 1,
            price: price,
            currency: product.getAttribute('data-currency'),
          });
          status.textContent = 'Thank you for your order! Watch "Recommended for you" below.';
        } else {
          rg.track('basket', { item: item, quantity: 1 });
          showBasket(readBasket() + 1);
          status.textContent = 'Added to your basket.';
        }
      });
    });
  });
})();
