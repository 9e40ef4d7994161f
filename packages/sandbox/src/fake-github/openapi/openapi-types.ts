/** The parts of GitHub's OpenAPI 3.0 description the fake GitHub reads. */
export interface OpenApiDocument {
  readonly paths: Record<string, OpenApiPathItem>;
  readonly components: {
    readonly parameters: Record<string, OpenApiParameter>;
    readonly schemas: Record<string, unknown>;
  };
}

/** One path template's operations, keyed by lower-case HTTP method. */
export type OpenApiPathItem = Partial<Record<OpenApiMethod, OpenApiOperation>>;

/** The HTTP methods GitHub's REST description uses. */
export type OpenApiMethod = 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head';

/** A single REST operation. */
export interface OpenApiOperation {
  readonly operationId: string;
  readonly parameters?: readonly (OpenApiParameter | OpenApiReference)[];
  readonly requestBody?: {
    readonly required?: boolean;
    readonly content: Record<string, { readonly schema?: unknown }>;
  };
}

/** A path, query or header parameter. */
export interface OpenApiParameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly required?: boolean;
  readonly schema?: unknown;
}

/** A `$ref` to another part of the document. */
export interface OpenApiReference {
  readonly $ref: string;
}
