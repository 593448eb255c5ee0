// A minimal graphql-transport-ws client (https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md): one
// WebSocket per subscription, authenticated in connection_init with the same bearer token as HTTP requests.

/** The WebSocket URL of the GraphQL endpoint on this origin. */
export function socketUrl(path = '/graphql') {
  return (location.protocol === 'https:' ? 'wss:' : 'ws:') + '//' + location.host + path;
}

/**
 * Subscribes; returns an Observable-like object ({subscribe(observer)} → {unsubscribe()}) as GraphiQL expects.
 * observer.next gets each execution result; observer.error a list of errors or an Error; observer.complete the end.
 */
export function subscription(request, authorization, url = socketUrl()) {
  return {
    subscribe(observer) {
      const socket = new WebSocket(url, 'graphql-transport-ws');
      let done = false;
      const finish = (fn, value) => {
        if (done) return;
        done = true;
        if (fn) fn(value);
      };
      socket.onopen = () => socket.send(JSON.stringify({
        type: 'connection_init', payload: authorization ? { Authorization: authorization } : {},
      }));
      socket.onmessage = (event) => {
        const message = JSON.parse(event.data);
        switch (message.type) {
          case 'connection_ack':
            socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: request }));
            break;
          case 'ping':
            socket.send(JSON.stringify({ type: 'pong' }));
            break;
          case 'next':
            if (!done && observer.next) observer.next(message.payload);
            break;
          case 'error':
            finish(observer.error && ((e) => observer.error(e)), { errors: message.payload });
            socket.close(1000);
            break;
          case 'complete':
            finish(observer.complete && (() => observer.complete()));
            socket.close(1000);
            break;
        }
      };
      socket.onclose = (event) => {
        if (event.code === 4401 || event.code === 4403) {
          finish(observer.error && ((e) => observer.error(e)), new Error(
            event.code === 4401 ? 'The live connection was refused: sign in again.' : 'The live connection was refused.'));
        } else if (event.code !== 1000) {
          finish(observer.error && ((e) => observer.error(e)), new Error('The live connection closed (' + event.code + ').'));
        } else {
          finish(observer.complete && (() => observer.complete()));
        }
      };
      return {
        unsubscribe() {
          done = true;
          if (socket.readyState === WebSocket.OPEN) {
            socket.send(JSON.stringify({ id: '1', type: 'complete' }));
            socket.close(1000);
          } else if (socket.readyState === WebSocket.CONNECTING) {
            socket.onopen = () => socket.close(1000);
          }
        },
      };
    },
  };
}
