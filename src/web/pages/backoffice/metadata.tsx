// The metadata form: every DCAT-AP key in both languages, visibility, and each field's label, description and annotations.
import { choosableFields, chosenValue, ReadingSelect } from './report.tsx';
import type { FormValues } from '../../../backoffice/form.ts';
import { one } from '../../../http/params.ts';
import type { ContactWarning } from '../../../backoffice/hygiene.ts';
import { aggregations } from '../../../catalog/metadata.ts';
import { accessRightsValues, frequencies, themes, type Dataset, type Version } from '../../../catalog/types.ts';
import type { PageContext } from '../../context.ts';
import { PostForm } from '../../forms.tsx';
import type { Child, Html } from '../../../html/jsx-runtime.ts';
import { adminPath, BackofficeLayout, HygieneWarning, Notes, titleOf } from './common.tsx';

/** Where each metadata key's problem is shown: the id of its (first) control. */
const controlOf: Record<string, string> = {
  title: 'title_nl', description: 'description_nl', theme: 'theme-AGRI', keyword: 'keyword_nl', publisher: 'publisher_name',
  contactPoint: 'contact_email', license: 'license_title', language: 'language', temporal: 'temporal_start', spatial: 'spatial',
  accrualPeriodicity: 'frequency', accessRights: 'access_rights', landingPage: 'landing_page', issued: 'issued',
  visibility: 'visibility-public', fields: 'field_0_label_nl', key: 'key',
};

interface FormState {
  values: FormValues;
  errors: Map<string, string>;
}

function Control(props: { form: FormState; name: string; label: string; errorKey?: string; hint?: string; type?: string; multiline?: boolean; maxlength?: number }): Html {
  const { name } = props;
  const error = props.errorKey && controlOf[props.errorKey] === name ? props.errorKey : undefined;
  const described = [props.hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id: name, name, maxlength: props.maxlength, 'aria-describedby': described, 'aria-invalid': error ? 'true' : undefined };
  return (
    <div class="field">
      <label for={name}>{props.label}</label>
      {props.hint && <p class="hint" id={`${name}-hint`}>{props.hint}</p>}
      {props.multiline ? <textarea rows={4} {...common}>{one(props.form.values, name)}</textarea> : <input type={props.type ?? 'text'} value={one(props.form.values, name)} {...common} />}
    </div>
  );
}

function Group(props: { id: string; legend: string; children?: Child }): Html {
  return (
    <fieldset id={props.id}>
      <legend>{props.legend}</legend>
      {props.children}
    </fieldset>
  );
}

function FieldsEditor(props: { ctx: PageContext; dataset: Dataset; form: FormState; current: Version | null }): Html {
  const t = props.ctx.t.backoffice;
  const { values } = props.form;
  if (props.dataset.fields.length === 0) return <p>{t.fieldsNone}</p>;
  return (
    <>
      {props.dataset.fields.map((field, i) => {
        const p = `field_${i}_`;
        return (
          <fieldset class="field-editor">
            <legend><code>{field.name}</code> · {props.ctx.t.dataset.types[field.type] ?? field.type}</legend>
            <input type="hidden" name={`${p}name`} value={field.name} />
            <div class="pair">
              <Control form={props.form} name={`${p}label_nl`} label={t.fieldLabelNl} maxlength={300} />
              <Control form={props.form} name={`${p}label_en`} label={t.fieldLabelEn} maxlength={300} />
            </div>
            <Control form={props.form} name={`${p}description_nl`} label={t.descriptionNl} multiline maxlength={10_000} />
            <Control form={props.form} name={`${p}description_en`} label={t.descriptionEn} multiline maxlength={10_000} />
            <div class="choices">
              <label class="check"><input type="checkbox" name={`${p}facet`} value="yes" checked={one(values, `${p}facet`) !== ''} /> {t.facet}</label>
              <label class="check"><input type="checkbox" name={`${p}sortable`} value="yes" checked={one(values, `${p}sortable`) !== ''} /> {t.sortable}</label>
              {field.annotations.multivalued && <p class="hint">{t.multivalued}</p>}
            </div>
            {props.current && choosableFields(props.current).includes(field.name) && (
              <ReadingSelect
                ctx={props.ctx}
                version={props.current}
                field={field.name}
                label={t.fieldReading}
                id={`${p}reading`}
                name={`${p}reading`}
                value={values[`${p}reading`] !== undefined ? one(values, `${p}reading`) : chosenValue(props.current, field.name)}
              />
            )}
            <div class="pair">
              <Control form={props.form} name={`${p}unit`} label={t.unit} maxlength={40} />
              <Control form={props.form} name={`${p}decimals`} label={t.decimals} type="number" maxlength={2} />
            </div>
            {(field.type === 'int' || field.type === 'double') && (
              <div class="field">
                <label for={`${p}aggregation`}>{t.aggregation}</label>
                <p class="hint" id={`${p}aggregation-hint`}>{t.aggregationHint}</p>
                <select id={`${p}aggregation`} name={`${p}aggregation`} aria-describedby={`${p}aggregation-hint`}>
                  {['', ...aggregations].map((a) => <option value={a} selected={one(values, `${p}aggregation`) === a}>{t.aggregations[a]}</option>)}
                </select>
              </div>
            )}
          </fieldset>
        );
      })}
    </>
  );
}

export function metadataPage(
  ctx: PageContext,
  data: { dataset: Dataset; values: FormValues; errors?: Map<string, string>; warning: ContactWarning | null; done?: string | null; error?: string | null; current?: Version | null },
): Html {
  const t = ctx.t.backoffice;
  const { dataset } = data;
  const form: FormState = { values: data.values, errors: data.errors ?? new Map() };
  const problems = [...form.errors.keys()];
  const c = (name: string, label: string, extra: { errorKey?: string; hint?: string; type?: string; multiline?: boolean; maxlength?: number } = {}) => (
    <Control form={form} name={name} label={label} errorKey={problems.find((k) => controlOf[k] === name)} {...extra} />
  );
  const chosenThemes = new Set(Array.isArray(data.values.theme) ? data.values.theme : data.values.theme ? [data.values.theme] : []);
  const title = `${t.metadataTitle} — ${titleOf(ctx, dataset)}`;
  return (
    <BackofficeLayout ctx={ctx} title={title} jsonTwin={`/api/opaal/v1/datasets/${dataset.id}/metadata`} crumbs={[{ href: ctx.link(adminPath(dataset.id)), label: titleOf(ctx, dataset) }]}>
      <h1>{title}</h1>
      <p>{t.metadataIntro}</p>
      <Notes ctx={ctx} done={data.done} error={data.error} />
      {problems.length > 0 && (
        <div class="notice notice-error" role="alert" tabindex="-1" id="problem">
          <p class="notice-title">{t.failed}</p>
          <ul>
            {problems.map((key) => <li id={`${controlOf[key] ?? key}-error`}><a href={`#${controlOf[key] ?? 'problem'}`}>{key === 'key' ? ctx.t.versions.keyInvalid : (t.invalid[key] ?? form.errors.get(key))}</a></li>)}
          </ul>
        </div>
      )}
      <HygieneWarning ctx={ctx} dataset={dataset} warning={data.warning} />
      <PostForm ctx={ctx} action={ctx.link(adminPath(dataset.id, 'metadata'))} class="stack metadata-form">
        <Group id="general" legend={t.general}>
          {c('title_nl', t.titleNl, { maxlength: 300 })}
          {c('title_en', t.titleEn, { maxlength: 300 })}
          {c('description_nl', t.descriptionNl, { multiline: true, maxlength: 10_000 })}
          {c('description_en', t.descriptionEn, { multiline: true, maxlength: 10_000 })}
          {c('keyword_nl', t.keywordsNl, { hint: t.keywordsHint })}
          {c('keyword_en', t.keywordsEn, { hint: t.keywordsHint })}
        </Group>
        <Group id="themes" legend={t.themes}>
          <div class="choices columns-2">
            {themes.map((th) => (
              <label class="check"><input type="checkbox" id={`theme-${th}`} name="theme" value={th} checked={chosenThemes.has(th)} /> {ctx.t.themes[th]} <code>{th}</code></label>
            ))}
          </div>
        </Group>
        <Group id="publisher" legend={t.publisherName}>
          {c('publisher_name', t.publisherName, { maxlength: 300 })}
          {c('publisher_uri', t.publisherUri, { type: 'url', hint: t.publisherUriHint })}
        </Group>
        <Group id="contact" legend={t.contact}>
          {c('contact_name', t.contactName, { maxlength: 300 })}
          {c('contact_email', t.contactEmail, { type: 'email' })}
          {c('contact_url', t.contactUrl, { type: 'url' })}
        </Group>
        <Group id="licence" legend={t.licenseTitle}>
          {c('license_title', t.licenseTitle, { maxlength: 300 })}
          {c('license_url', t.licenseUrl, { type: 'url' })}
        </Group>
        <Group id="coverage" legend={ctx.t.dataset.metadata}>
          {c('language', t.languages, { hint: t.languagesHint })}
          <div class="pair">
            {c('temporal_start', t.temporalStart, { type: 'date' })}
            {c('temporal_end', t.temporalEnd, { type: 'date' })}
          </div>
          {c('spatial', t.spatial, { multiline: true, hint: t.spatialHint })}
          <div class="field">
            <label for="frequency">{t.frequency}</label>
            <select id="frequency" name="frequency">
              <option value="">{t.frequencyNone}</option>
              {frequencies.map((f) => <option value={f} selected={one(data.values, 'frequency') === f}>{ctx.t.dataset.frequencies[f]}</option>)}
            </select>
          </div>
          <div class="field">
            <label for="access_rights">{t.accessRights}</label>
            <select id="access_rights" name="access_rights">
              {accessRightsValues.map((a) => <option value={a} selected={one(data.values, 'access_rights') === a}>{ctx.t.dataset.access[a]}</option>)}
            </select>
          </div>
          {c('landing_page', t.landingPage, { type: 'url' })}
          {c('issued', t.issued, { type: 'date' })}
        </Group>
        <Group id="visibility" legend={t.visibility}>
          <label class="check"><input type="radio" id="visibility-public" name="visibility" value="public" checked={one(data.values, 'visibility') !== 'restricted'} /> {t.visibilityPublic}</label>
          <label class="check"><input type="radio" id="visibility-restricted" name="visibility" value="restricted" checked={one(data.values, 'visibility') === 'restricted'} /> {t.visibilityRestricted}</label>
        </Group>
        <Group id="fields" legend={t.fields}>
          {dataset.fields.length > 0 && c('key', ctx.t.versions.keyLabel, { hint: ctx.t.versions.keyHint, maxlength: 2000 })}
          <FieldsEditor ctx={ctx} dataset={dataset} form={form} current={data.current ?? null} />
        </Group>
        <button type="submit">{t.save}</button>
      </PostForm>
    </BackofficeLayout>
  );
}
