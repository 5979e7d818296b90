import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export interface Shortcut {
  name?: string;
  description?: string;
  shortcut?: string;
}

export interface OnboardingProps {
  /** The options page, where feeds, encyclopedia cards and the reader's data are managed. */
  optionsUrl: string;
  /** The extension's keyboard shortcuts as the browser has them (the reader may have changed them). */
  shortcuts?: () => Promise<Shortcut[]>;
}

/** Shown once, when Backstory is installed: what it does, what stays on the device, and how to start. */
export function Onboarding({ optionsUrl, shortcuts }: OnboardingProps) {
  const [keys, setKeys] = useState<Shortcut[]>([]);
  useEffect(() => {
    shortcuts?.()
      .then((all) => setKeys(all.filter((s) => s.shortcut)))
      .catch(() => setKeys([]));
  }, [shortcuts]);

  return (
    <main class="onboarding">
      <h1>Welcome to Backstory</h1>
      <p>
        Backstory gives you the story behind the news article in front of you: who and what is involved, what
        happened before, and the other stories it belongs to. Every line points to the article and sentence it
        comes from.
      </p>

      <section class="options-section" aria-labelledby="how-heading">
        <h2 id="how-heading">How to use it</h2>
        <ol>
          <li>Read the news as you always do. Backstory reads each article you open, on this device.</li>
          <li>
            Click the Backstory button in the toolbar for the article's background, timeline and related
            stories; open the side panel to keep it beside the article.
          </li>
          <li>The more you read, the more it knows: earlier parts of a story appear as you follow it.</li>
        </ol>
        {keys.length > 0 && (
          <>
            <h3>Keyboard shortcuts</h3>
            <dl class="stats">
              {keys.map((k) => (
                <Fragment key={k.name}>
                  <dt>{k.description || k.name}</dt>
                  <dd>
                    <kbd>{k.shortcut}</kbd>
                  </dd>
                </Fragment>
              ))}
            </dl>
          </>
        )}
      </section>

      <section class="options-section" aria-labelledby="private-heading">
        <h2 id="private-heading">What stays on your device</h2>
        <p>
          Everything. The stories you read, the names and dates found in them and the links between them are
          kept in your browser's storage. Pages that are not news articles are not recorded, private windows
          are never read, and nothing is sent anywhere.
        </p>
        <p>
          Features that use the network are off until you turn them on in the settings, and each asks for the
          browser's permission then: news feeds you choose (requests to those feeds only) and encyclopedia
          cards (names looked up on Wikipedia). You can export or delete everything at any time.
        </p>
      </section>

      <section class="options-section" aria-labelledby="start-heading">
        <h2 id="start-heading">Get started</h2>
        <div class="actions">
          <a class="button" href={optionsUrl}>
            Choose feeds and settings
          </a>
        </div>
        <p>Or simply open a news article: Backstory starts with the first one you read.</p>
      </section>
    </main>
  );
}
