/** Events a client emits to the server. */
export const ClientEvent = {
  QueueJoin: 'queue:join',
  QueueLeave: 'queue:leave',
  RoomLeave: 'room:leave',
  SignalOffer: 'signal:offer',
  SignalAnswer: 'signal:answer',
  SignalIce: 'signal:ice',
  ChatMessage: 'chat:message',
  ChatTyping: 'chat:typing',
  /** Report the current (or just-left) partner; blocks them too and ends the chat. */
  Report: 'report',
  /** Never be matched with the current (or just-left) partner again; ends the chat. */
  Block: 'block',
} as const;
/** The name of an event a client emits. */
export type ClientEventName = (typeof ClientEvent)[keyof typeof ClientEvent];

/** Events the server emits to a client. */
export const ServerEvent = {
  MatchFound: 'match:found',
  PartnerLeft: 'partner:left',
  PartnerReconnecting: 'partner:reconnecting',
  PartnerReconnected: 'partner:reconnected',
  SignalReceive: 'signal:receive',
  ChatMessage: 'chat:message',
  ChatTyping: 'chat:typing',
  Stats: 'stats',
  ServerError: 'server:error',
  ServerShutdown: 'server:shutdown',
} as const;
/** The name of an event the server emits. */
export type ServerEventName = (typeof ServerEvent)[keyof typeof ServerEvent];
