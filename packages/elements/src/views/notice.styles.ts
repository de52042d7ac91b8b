import { css } from 'lit';

/** A notice (camera refused, an error): the card's text is centred. */
export const noticeStyles = css`
  .notice-card {
    text-align: center;
  }
`;
