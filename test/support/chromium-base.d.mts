/** Types of chromium-base.mjs (plain JavaScript, shared with the web-test-runner configs). */

/** Where Debian installs Chromium (override with CHROMIUM_PATH). */
export declare const CHROMIUM_PATH: string;

/** Fail loudly (never skip) when Chromium is missing; `who` names the tests that need it. */
export declare function requireChromium(who?: string): string;

/** The flags the tests launch Chromium with (see chromium-base.mjs). */
export declare function chromiumArgs(options?: { fakeDevices?: string; fakeUi?: string; extra?: string[] }): string[];
