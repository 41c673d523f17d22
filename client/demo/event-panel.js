// Demo only: shows in a side panel what the page sends to Recograph and what it pushes back, by
// watching fetch, sendBeacon and WebSocket traffic. The SDK itself knows nothing about this panel.
(function () {
  'use strict';
  var list;
  var pending = [];
  function add(kind, text) {
    var entry = { kind: kind, text: text, at: new Date().toLocaleTimeString() };
    if (!list) return void pending.push(entry);
    var li = document.createElement('li');
    li.className = 'event event-' + kind;
    var time = document.createElement('time');
    time.textContent = entry.at;
    var label = document.createElement('strong');
    label.textContent = kind;
    var body = document.createElement('span');
    body.textContent = entry.text;
    li.append(time, label, body);
    list.prepend(li);
    while (list.children.length > 60) list.lastChild.remove();
  }
  function describeEvents(body) {
    try {
      var parsed = typeof body === 'string' ? JSON.parse(body) : body;
      return (parsed.events || [])
        .map(function (e) {
          return e.type + (e.items ? ' ' + e.items.length + ' items' : e.item ? ' ' + e.item : '');
        })
        .join(', ');
    } catch (error) {
      return 'events';
    }
  }
  function describeAnswer(answer) {
    var rejected = (answer.rejected || []).length;
    return (
      answer.accepted +
      ' accepted' +
      (answer.duplicates ? ', ' + answer.duplicates + ' duplicates ignored' : '') +
      (rejected ? ', ' + rejected + ' rejected' : '')
    );
  }
  var originalFetch = window.fetch.bind(window);
  window.fetch = function (input, init) {
    var url = String(input && input.url ? input.url : input);
    var events = url.indexOf('/v1/events') !== -1 && init && init.body;
    if (events) add('sent', describeEvents(init.body));
    var result = originalFetch(input, init);
    if (events) {
      result.then(
        function (response) {
          if (!response.ok)
            return add(
              'offline',
              'the server answered ' + response.status + '; the SDK will retry',
            );
          response
            .clone()
            .json()
            .then(
              function (answer) {
                add('stored', describeAnswer(answer));
              },
              function () {},
            );
        },
        function () {
          add('offline', 'no network; the events wait in localStorage and the SDK retries');
        },
      );
    } else if (url.indexOf('/v1/recommendations/') !== -1) {
      result.then(
        function (response) {
          add(
            'fetched',
            url.split('/v1/recommendations/')[1].split('?')[0] + ' → ' + response.status,
          );
        },
        function () {
          add('offline', 'recommendations could not be fetched');
        },
      );
    }
    return result;
  };
  if (navigator.sendBeacon) {
    var originalBeacon = navigator.sendBeacon.bind(navigator);
    navigator.sendBeacon = function (url, data) {
      if (String(url).indexOf('/v1/events') !== -1 && typeof data === 'string')
        add('beacon', describeEvents(data));
      return originalBeacon(url, data);
    };
  }
  var NativeSocket = window.WebSocket;
  function WatchedSocket(url, protocols) {
    var socket = protocols === undefined ? new NativeSocket(url) : new NativeSocket(url, protocols);
    var send = socket.send.bind(socket);
    socket.send = function (data) {
      try {
        var message = JSON.parse(data);
        if (message.type === 'track') add('sent', describeEvents(message) + ' (over the socket)');
        if (message.type === 'subscribe') add('live', 'subscribed to ' + message.scenario);
      } catch (error) {
        /* not JSON */
      }
      return send(data);
    };
    socket.addEventListener('message', function (event) {
      try {
        var message = JSON.parse(event.data);
        if (message.type === 'recommendations')
          add(
            'pushed',
            message.scenario + ': ' + message.items.length + ' items (' + message.cause + ')',
          );
        if (message.type === 'ack') add('stored', describeAnswer(message));
      } catch (error) {
        /* not JSON */
      }
    });
    socket.addEventListener('close', function (event) {
      if (event.code !== 1000)
        add('offline', 'live connection lost (' + event.code + '); reconnecting');
    });
    return socket;
  }
  WatchedSocket.prototype = NativeSocket.prototype;
  ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'].forEach(function (name) {
    WatchedSocket[name] = NativeSocket[name];
  });
  window.WebSocket = WatchedSocket;
  document.addEventListener('DOMContentLoaded', function () {
    var panel = document.querySelector('[data-event-panel]');
    list = panel.querySelector('ol');
    pending.splice(0).forEach(function (entry) {
      add(entry.kind, entry.text);
    });
    var toggle = document.createElement('button');
    toggle.type = 'button';
    toggle.className = 'toggle';
    var closed = sessionStorage.getItem('demo.panel') === 'closed';
    var show = function () {
      document.body.classList.toggle('panel-closed', closed);
      toggle.textContent = closed ? 'Show live traffic' : 'Hide';
      toggle.setAttribute('aria-expanded', String(!closed));
    };
    toggle.addEventListener('click', function () {
      closed = !closed;
      sessionStorage.setItem('demo.panel', closed ? 'closed' : 'open');
      show();
    });
    panel.prepend(toggle);
    show();
  });
})();
