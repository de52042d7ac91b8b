// Frameworks may set properties before the element is defined: they must be picked up on upgrade.
// (Only dynamic imports here: the element must be created before the tag is defined.)
import { $, $1, deepEqual, equal, serverUrl } from './helpers.ts';

describe('<novu-chat> upgrade (defined after it is on the page)', () => {
  it('picks up properties set before the definition', async () => {
    if (customElements.get('novu-chat')) throw new Error('this file must run before the element is defined');
    const el = document.createElement('novu-chat');
    el.interests = ['early', 'bird'];
    el.mode = 'text';
    el.layout = 'chat';
    el.strings = { startText: 'Early start' };
    el.server = await serverUrl();
    document.body.append(el);
    const { NovuChat } = await import('../../dist/novu-chat.js');
    equal(customElements.get('novu-chat'), undefined, 'importing the class module alone defines nothing');
    await import('../../dist/index.js');
    equal(customElements.get('novu-chat'), NovuChat, 'the package entry defines the tag with that class');
    await customElements.whenDefined('novu-chat');
    await el.updateComplete;
    deepEqual(el.interests, ['early', 'bird'], 'interests');
    equal(el.mode, 'text', 'mode');
    equal(el.getAttribute('layout'), 'chat', 'layout reflected');
    equal($1(el, '[part~="start-button"]').textContent!.trim(), 'Early start', 'strings');
    el.remove();
  });
});
