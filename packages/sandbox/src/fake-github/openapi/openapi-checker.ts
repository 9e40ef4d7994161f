import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type {
  OpenApiDocument,
  OpenApiMethod,
  OpenApiOperation,
  OpenApiParameter,
  OpenApiReference,
} from './openapi-types.js';
import { compilePathTemplate, findBestTemplate } from './path-template.js';

/** One reason a request does not fit GitHub's REST description, in GitHub's 422 `errors` style. */
export interface ValidationProblem {
  readonly field: string;
  readonly code: 'invalid' | 'missing_field';
  readonly message: string;
}

/** A documented operation that a concrete request path resolved to. */
export interface MatchedOperation {
  readonly template: string;
  readonly operationId: string;
  readonly params: Record<string, string>;
}

/** Checks requests (and, for tests, responses) against GitHub's REST description. */
export interface OpenApiChecker {
  /** The operation documented for `method` + `template`, if any. */
  operation(method: string, template: string): OpenApiOperation | undefined;
  /** Resolves a concrete path to the most specific documented template. */
  matchPath(method: string, pathname: string): MatchedOperation | undefined;
  /** Query parameters and JSON body checked against the operation's schemas. */
  validateRequest(
    method: string,
    template: string,
    query: Readonly<Record<string, string>>,
    body: unknown,
  ): ValidationProblem[];
  /** The response body checked against the schema documented for `status`. */
  validateResponse(method: string, template: string, status: number, body: unknown): string[];
}

interface AjvInstance {
  addSchema(schema: object, key: string): unknown;
  compile(schema: object): ValidateFunction;
}

type AjvConstructor = new (options: object) => AjvInstance;

const documentKey = 'github';

/** Builds a checker over one loaded document; validators compile lazily and are kept. */
export function createOpenApiChecker(document: OpenApiDocument): OpenApiChecker {
  const ajv = createAjv();
  ajv.addSchema(document, documentKey);
  const templates = Object.keys(document.paths).map((template) => ({ path: compilePathTemplate(template) }));
  const validators = new Map<string, ValidateFunction | undefined>();

  const operation = (method: string, template: string): OpenApiOperation | undefined =>
    document.paths[template]?.[method.toLowerCase() as OpenApiMethod];

  const validatorFor = (key: string, pointer: () => string | undefined): ValidateFunction | undefined => {
    if (!validators.has(key)) {
      const target = pointer();
      validators.set(key, target === undefined ? undefined : ajv.compile({ $ref: target }));
    }
    return validators.get(key);
  };

  const parameterOf = (
    entry: OpenApiParameter | OpenApiReference,
  ): [OpenApiParameter, string] | undefined => {
    if (!('$ref' in entry)) return undefined;
    const name = entry.$ref.replace('#/components/parameters/', '');
    const parameter = document.components.parameters[name];
    return parameter === undefined
      ? undefined
      : [parameter, `#/components/parameters/${pointerEscape(name)}`];
  };

  const validateQuery = (
    method: string,
    template: string,
    op: OpenApiOperation,
    query: Readonly<Record<string, string>>,
  ): ValidationProblem[] => {
    const problems: ValidationProblem[] = [];
    for (const [index, entry] of (op.parameters ?? []).entries()) {
      const [parameter, pointer] = parameterOf(entry) ?? [
        entry as OpenApiParameter,
        `#/paths/${pointerEscape(template)}/${method.toLowerCase()}/parameters/${index}`,
      ];
      if (parameter.in !== 'query') continue;
      const raw = query[parameter.name];
      if (raw === undefined) {
        if (parameter.required === true) problems.push(missing(parameter.name));
        continue;
      }
      const validate = validatorFor(`param ${pointer}`, () => `${documentKey}${pointer}/schema`);
      if (validate !== undefined && !validate(coerce(raw, parameter.schema))) {
        problems.push(...toProblems(validate.errors, parameter.name));
      }
    }
    return problems;
  };

  return {
    operation,
    matchPath: (method, pathname) => {
      const candidates = templates.filter((t) => operation(method, t.path.template) !== undefined);
      const found = findBestTemplate(candidates, pathname);
      if (found === undefined) return undefined;
      const template = found.candidate.path.template;
      const operationId = operation(method, template)?.operationId ?? '';
      return { template, operationId, params: found.params };
    },
    validateRequest: (method, template, query, body) => {
      const op = operation(method, template);
      if (op === undefined)
        return [{ field: '', code: 'invalid', message: `${method} ${template} is undocumented` }];
      const problems = validateQuery(method, template, op, query);
      const content = op.requestBody?.content['application/json'];
      if (body === undefined) {
        if (op.requestBody?.required === true) problems.push(missing('body'));
        return problems;
      }
      if (content?.schema === undefined) return problems;
      const pointer = `#/paths/${pointerEscape(template)}/${method.toLowerCase()}/requestBody/content/application~1json/schema`;
      const validate = validatorFor(`body ${pointer}`, () => `${documentKey}${pointer}`);
      if (validate !== undefined && !validate(body)) problems.push(...toProblems(validate.errors, ''));
      return problems;
    },
    validateResponse: (method, template, status, body) => {
      const pointer = responsePointer(document, method, template, status);
      const validate = validatorFor(`response ${method} ${template} ${status}`, () => pointer);
      if (validate === undefined) return [`no JSON schema documented for ${method} ${template} ${status}`];
      if (validate(body)) return [];
      return (validate.errors ?? []).map(
        (error) => `${error.instancePath || '/'} ${error.message ?? 'invalid'}`,
      );
    },
  };
}

function createAjv(): AjvInstance {
  // ajv and ajv-formats are CommonJS; createRequire sidesteps their default-export interop under NodeNext.
  const require = createRequire(import.meta.url);
  const Ajv = (require('ajv') as { Ajv: AjvConstructor }).Ajv;
  const addFormats = require('ajv-formats') as { default: (ajv: AjvInstance) => void };
  // GitHub's description is OpenAPI, not strict JSON Schema: tolerate its extra keywords and formats.
  const ajv = new Ajv({ strict: false, validateSchema: false, logger: false, allErrors: true });
  addFormats.default(ajv);
  return ajv;
}

function responsePointer(
  document: OpenApiDocument,
  method: string,
  template: string,
  status: number,
): string | undefined {
  const op = document.paths[template]?.[method.toLowerCase() as OpenApiMethod] as
    | { responses?: Record<string, { $ref?: string; content?: Record<string, { schema?: unknown }> }> }
    | undefined;
  const response = op?.responses?.[String(status)];
  if (response === undefined) return undefined;
  // A response may be shared through components.responses; point Ajv at the shared copy.
  const base =
    response.$ref === undefined
      ? `#/paths/${pointerEscape(template)}/${method.toLowerCase()}/responses/${status}`
      : `#/components/responses/${pointerEscape(response.$ref.replace('#/components/responses/', ''))}`;
  return `${documentKey}${base}/content/application~1json/schema`;
}

/** Query strings are text; convert to the documented primitive type before validating. */
function coerce(raw: string, schema: unknown): unknown {
  const type = (schema as { type?: unknown } | undefined)?.type;
  if (type === 'integer' || type === 'number') return /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  if (type === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : raw;
  if (type === 'array') return raw.split(',');
  return raw;
}

function toProblems(errors: ErrorObject[] | null | undefined, prefix: string): ValidationProblem[] {
  return (errors ?? []).map((error) => {
    const missingProperty = (error.params as { missingProperty?: string }).missingProperty;
    const path = error.instancePath.replaceAll('/', '.').replace(/^\./, '');
    const field = [prefix, path, missingProperty]
      .filter((part) => part !== undefined && part !== '')
      .join('.');
    return {
      field,
      code: missingProperty === undefined ? 'invalid' : 'missing_field',
      message: `${field || 'body'} ${error.message ?? 'is invalid'}`,
    };
  });
}

function missing(field: string): ValidationProblem {
  return { field, code: 'missing_field', message: `${field} is required` };
}

function pointerEscape(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}
