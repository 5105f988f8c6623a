import type { EventMessage, EventName, EventPayload } from '../../core/contract/events';

/** Receives every event main emits (a host forwards them to its renderer). */
export type EventListener = (message: EventMessage) => void;

/** The typed channel from main services to whatever host shows them. */
export interface EventBus {
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void;
  subscribe(listener: EventListener): () => void;
}

/** A synchronous in-process bus; a failing listener never stops the others. */
export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(name, payload) {
      const message = { name, payload } as EventMessage;
      for (const l of listeners) {
        try {
          l(message);
        } catch (err) {
          console.error(`event listener for ${name} failed`, err);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
