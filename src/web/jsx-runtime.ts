// The pages' name for the HTML runtime, which lives below the domains in src/html/ (a privacy report renders with it too).
export * from '../html/jsx-runtime.ts';
