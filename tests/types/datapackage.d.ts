// The Frictionless reference library has no types; the tests use only validate().
declare module 'datapackage' {
  export function validate(descriptor: unknown): Promise<{ valid: boolean; errors: Error[] }>;
}
