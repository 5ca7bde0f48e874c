// The back office forms' schemas: each field a string (or a list) of bounded length; what a value means stays with form.ts and the catalog.
import { formBody } from '../http/validation.ts';

/** Room for a dataset id the catalog then judges (1 to 100 characters): past this it is no id at all. */
const idRoom = 1000;

export const CreateForm = formBody({ id: idRoom, title_nl: 10_000, title_en: 10_000 });

export const PublishVersionForm = formBody({ acknowledge: 10 });

/** One `reading.<field>` per column: a type, `|`, a notation. */
export const ReadingsForm = formBody({}, 200);

/** The metadata form, with its `field_<i>_…` fields per column. */
export const MetadataForm = formBody({});

export const DeleteForm = formBody({ confirm: idRoom });
