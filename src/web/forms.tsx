// Form pieces: the CSRF field every signed-in form carries, labelled inputs and selects, and an error summary in the visitor's language.
import { DomainError, FormFieldInvalid } from '../errors.ts';
import type { PageContext } from './context.ts';
import type { Child, Html } from '../html/jsx-runtime.ts';
import { reasonText } from './reasons.ts';

export function CsrfField(props: { ctx: PageContext }): Html {
  return props.ctx.csrf ? <input type="hidden" name="_csrf" value={props.ctx.csrf} /> : <></>;
}

/** A form that posts to the portal, with its CSRF field. */
export function PostForm(props: { ctx: PageContext; action: string; class?: string; children?: Child; enctype?: string }): Html {
  return (
    <form method="post" action={props.action} class={props.class ?? 'stack'} enctype={props.enctype}>
      <CsrfField ctx={props.ctx} />
      {props.children}
    </form>
  );
}

/**
 * The box to tick before something that cannot be undone. It is a required field, so the browser asks for it without
 * JavaScript; the label wraps the box, so no id is needed when a page holds many.
 */
export function ConfirmField(props: { ctx: PageContext; label?: string }): Html {
  return (
    <label class="check confirm">
      <input type="checkbox" name="confirm" value="yes" required />
      <span>{props.label ?? props.ctx.t.common.confirmIrreversible}</span>
    </label>
  );
}

/**
 * A one-button form in a table row or list item (revoke, end, withdraw): hidden fields say what it acts on, the
 * button's aria-label which row, since a screen reader hears the button apart from its row. A `destructive` action
 * is red and asks for a tick first.
 */
export function RowAction(props: {
  ctx: PageContext;
  action: string;
  label: string;
  ariaLabel?: string;
  fields?: Record<string, string>;
  destructive?: boolean;
}): Html {
  return (
    <PostForm ctx={props.ctx} action={props.action} class={props.destructive ? 'inline destructive' : 'inline'}>
      {Object.entries(props.fields ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={value} />
      ))}
      {props.destructive && <ConfirmField ctx={props.ctx} />}
      <button type="submit" class={props.destructive ? 'secondary danger' : 'secondary'} aria-label={props.ariaLabel}>
        {props.label}
      </button>
    </PostForm>
  );
}

export function Input(props: {
  name: string;
  /** The field's id when two forms on one page share a name (default: the name). */
  id?: string;
  label: string;
  type?: string;
  value?: string;
  hint?: string;
  required?: boolean;
  autocomplete?: string;
  maxlength?: number;
  inputmode?: string;
}): Html {
  const id = props.id ?? props.name;
  const hintId = props.hint ? `${id}-hint` : undefined;
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.hint && <p class="hint" id={hintId}>{props.hint}</p>}
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        required={props.required}
        autocomplete={props.autocomplete}
        maxlength={props.maxlength}
        inputmode={props.inputmode}
        aria-describedby={hintId}
      />
    </div>
  );
}

/** A labelled select: options as [value, text], the one equal to `value` selected. */
export function Choice(props: { name: string; id?: string; label: string; options: [string, string][]; value?: string }): Html {
  return (
    <div class="field">
      <label for={props.id ?? props.name}>{props.label}</label>
      <select id={props.id ?? props.name} name={props.name}>
        {props.options.map(([value, text]) => <option value={value} selected={props.value === value}>{text}</option>)}
      </select>
    </div>
  );
}

/** What went wrong, in the page's language when the error has a known reason. */
export function errorText(ctx: PageContext, error: unknown): string {
  if (error instanceof FormFieldInvalid) return ctx.t.errors.formField(error.field);
  if (error instanceof DomainError) return reasonText(ctx.t.account.errors, error.reason) || error.message;
  return String((error as Error).message ?? error);
}

export function ErrorSummary(props: { ctx: PageContext; error?: string | null }): Html {
  if (!props.error) return <></>;
  return (
    <div class="notice notice-error" role="alert" tabindex="-1">
      <p class="notice-title">{props.ctx.t.account.errorsTitle}</p>
      <p>{props.error}</p>
    </div>
  );
}

export function Done(props: { message?: string | null }): Html {
  return props.message ? <div class="notice" role="status"><p>{props.message}</p></div> : <></>;
}
