// `npm run analyze -w @novu-chat/elements` (run by the root build): custom-elements.json, the
// custom elements manifest IDEs, Storybook and docs tools read to know <novu-chat>'s API.

/** Internal reactive state (`_x`, declared with `state: true`) is not API: drop it. */
function dropInternalState() {
  return {
    name: 'novu-drop-internal-state',
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const decl of mod.declarations ?? []) {
          if (decl.attributes) decl.attributes = decl.attributes.filter((a) => !a.name.startsWith('_'));
          if (decl.members) decl.members = decl.members.filter((m) => !m.name.startsWith('_') && m.privacy !== 'private');
        }
      }
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  outdir: '.',
  litelement: true,
  // package.json keeps a fixed `"customElements": "custom-elements.json"`: otherwise every run (the
  // freshness test analyzes into a scratch folder) would rewrite it with its own output path.
  packagejson: false,
  plugins: [dropInternalState()],
};
