// The frame that staff consoles share (administration, privacy office): a tab row with the console's home and the
// sections the viewer may open, the title, the note of what was done, an error summary, then the page.
import type { PageContext } from '../context.ts';
import { Done, ErrorSummary } from '../forms.tsx';
import type { Child, Html } from '../../html/jsx-runtime.ts';
import { Layout } from '../layout.tsx';

interface StaffFrameProps {
  ctx: PageContext;
  /** The console's home page, first in the tab row. */
  home: { path: string; title: string };
  /** The tab row's accessible name; the home page's title when not given. */
  label?: string;
  sections: { path: string; title: string }[];
  title: string;
  jsonTwin?: string;
  done?: string | null;
  error?: string | null;
  children?: Child;
}

export function StaffFrame(props: StaffFrameProps): Html {
  const { ctx, home } = props;
  return (
    <Layout ctx={ctx} page={{ title: props.title, noindex: true, jsonTwin: props.jsonTwin }}>
      <nav class="tabs" aria-label={props.label ?? home.title}>
        <ul>
          <li><a href={ctx.link(home.path)} aria-current={ctx.path === home.path ? 'page' : undefined}>{home.title}</a></li>
          {props.sections.map((s) => (
            <li><a href={ctx.link(s.path)} aria-current={ctx.path.startsWith(s.path) ? 'page' : undefined}>{s.title}</a></li>
          ))}
        </ul>
      </nav>
      <h1>{props.title}</h1>
      <Done message={props.done} />
      <ErrorSummary ctx={ctx} error={props.error} />
      {props.children}
    </Layout>
  );
}
