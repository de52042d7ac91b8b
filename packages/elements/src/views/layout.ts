/** The three arrangements of a video call. */
export type NovuLayout = 'split' | 'video' | 'chat';

/** The layouts in the order the layout button cycles through them. */
export const LAYOUTS: readonly NovuLayout[] = ['split', 'video', 'chat'];
