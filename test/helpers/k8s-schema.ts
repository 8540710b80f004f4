import { join } from 'node:path';
import ts from 'typescript';
import { ROOT } from './compose.ts';
import type { K8sObject } from './k8s-kustomize.ts';

/**
 * Kubernetes schema checks from the npm `kubernetes-models` package (generated from the Kubernetes
 * OpenAPI spec; nothing is downloaded at test time), in two passes:
 * - `validateObject`: the package's JSON-schema validators (types, enums, required fields);
 * - `unknownFields`: the package's TypeScript interfaces, through the compiler's excess-property
 *   check. Kubernetes' own schemas allow unknown fields, so a typo such as `readinesProbe` passes
 *   the first pass and would be silently dropped by the API server; the second pass catches it.
 */

/** `apps/v1` + `StatefulSet` → `kubernetes-models/apps/v1/StatefulSet` (core `v1` has no group). */
export function modelModule(object: Pick<K8sObject, 'apiVersion' | 'kind'>): string {
  return `kubernetes-models/${object.apiVersion}/${object.kind}`;
}

interface ModelClass {
  new (data: unknown): { validate(): void };
}

/** The schema validator's complaint about `object`, or undefined when it is valid. */
export async function validateObject(object: K8sObject): Promise<string | undefined> {
  let Model: ModelClass;
  try {
    const module = (await import(modelModule(object))) as Record<string, ModelClass>;
    Model = module[object.kind]!;
  } catch {
    return `no Kubernetes schema for ${object.apiVersion} ${object.kind}`;
  }
  const { apiVersion: _apiVersion, kind: _kind, ...data } = object;
  try {
    new Model(data).validate();
    return undefined;
  } catch (error) {
    const details = (error as { errors?: { instancePath: string; message?: string }[] }).errors;
    return details?.map((e) => `${e.instancePath} ${e.message}`).join('; ') ?? String(error);
  }
}

export interface FieldProblem {
  /** Index into the objects given. */
  index: number;
  message: string;
}

/** TypeScript's complaints about `objects` typed as their kubernetes-models interfaces. */
export function unknownFields(objects: K8sObject[]): FieldProblem[] {
  const file = join(ROOT, 'test', '__k8s_schema_check__.ts');
  // One object per line range, marked so a diagnostic can be traced back to its object.
  const starts: number[] = [];
  let source = '';
  objects.forEach((object, index) => {
    source += `import type { I${object.kind} as T${index} } from '${modelModule(object)}';\n`;
    starts.push(source.length);
    source += `export const o${index} = ${JSON.stringify(object, null, 1)} satisfies T${index};\n`;
  });
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, ...rest) =>
    name === file ? ts.createSourceFile(name, source, language) : read(name, language, ...rest);
  const exists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || exists(name);
  const program = ts.createProgram([file], options, host);
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const at = diagnostic.start ?? 0;
    const index = Math.max(0, starts.filter((start) => start <= at).length - 1);
    const line = source.slice(0, at).split('\n').length;
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    return { index, message: `${text} (line ${line}: ${source.split('\n')[line - 1]?.trim()})` };
  });
}
