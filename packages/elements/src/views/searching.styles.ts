import { css } from 'lit';

/** The searching view: radar with the camera preview, progress, online count; the safety note. */
export const searchingStyles = css`
  .note {
    padding: 8px 14px;
    border-radius: var(--novu-radius-small);
    background: var(--novu-accent-soft);
    color: var(--novu-accent-soft-text);
  }
  .searching {
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 14px;
    padding: 24px 16px calc(24px + env(safe-area-inset-bottom, 0px));
    text-align: center;
  }
  .radar {
    position: relative;
    display: grid;
    place-items: center;
    inline-size: 168px;
    block-size: 168px;
    margin-block-end: 10px;
  }
  .ring {
    position: absolute;
    inset: 0;
    border-radius: 50%;
    border: 2px solid var(--novu-accent);
    opacity: 0;
    animation: ping 2.4s cubic-bezier(0.2, 0.6, 0.3, 1) infinite;
  }
  .ring-2 {
    animation-delay: 1.2s;
  }
  @keyframes ping {
    0% {
      transform: scale(0.72);
      opacity: 0.55;
    }
    100% {
      transform: scale(1.18);
      opacity: 0;
    }
  }
  .radar-core {
    position: relative;
    display: grid;
    place-items: center;
    inline-size: 132px;
    block-size: 132px;
    border-radius: 50%;
    overflow: hidden;
    background: var(--novu-accent-soft);
    color: var(--novu-accent-soft-text);
    box-shadow: 0 0 0 6px var(--novu-surface), var(--novu-shadow);
  }
  .radar-icon .icon {
    inline-size: 44px;
    block-size: 44px;
  }
  .preview {
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
  }
  .mirrored {
    transform: scaleX(-1);
  }
  .progress {
    position: relative;
    inline-size: min(240px, 70%);
    block-size: 4px;
    border-radius: 4px;
    overflow: hidden;
    background: var(--novu-surface-2);
  }
  .progress span {
    position: absolute;
    inset-block: 0;
    inline-size: 40%;
    border-radius: 4px;
    background: var(--novu-accent);
    animation: slide 1.4s ease-in-out infinite;
  }
  @keyframes slide {
    from {
      inset-inline-start: -40%;
    }
    to {
      inset-inline-start: 100%;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .progress span {
      inline-size: 100%;
      inset-inline-start: 0;
      opacity: 0.6;
    }
    .ring {
      display: none;
    }
  }
  .searching-meta {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    align-items: center;
    gap: 8px;
    max-inline-size: 420px;
  }
  .searching .btn {
    margin-block-start: 8px;
  }
`;
