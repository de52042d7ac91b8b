import { css } from 'lit';

/** The report/block dialog (a card) and its backdrop. */
export const reportDialogStyles = css`
  .report-dialog {
    max-inline-size: min(420px, calc(100% - 32px));
    color: var(--novu-text);
  }
  .report-dialog::backdrop {
    background: rgb(8 10 16 / 60%);
  }
`;
