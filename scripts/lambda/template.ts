import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, type Tags } from 'yaml';

export const TEMPLATE_PATH = resolve(__dirname, '../../template.yaml');

/**
 * CloudFormation's short-form intrinsics (`!Ref X`, `!Sub '...'`, `!GetAtt A.B`, `!If [...]`)
 * parsed into their long form (`{ Ref: X }`, `{ 'Fn::Sub': ... }`), so the test reads the
 * template the way CloudFormation does.
 */
const INTRINSICS: Array<[tag: string, key: string]> = [
  ['Ref', 'Ref'], ['Sub', 'Fn::Sub'], ['GetAtt', 'Fn::GetAtt'], ['If', 'Fn::If'], ['Not', 'Fn::Not'], ['Equals', 'Fn::Equals'],
  ['And', 'Fn::And'], ['Or', 'Fn::Or'], ['Join', 'Fn::Join'], ['Select', 'Fn::Select'], ['Split', 'Fn::Split'], ['FindInMap', 'Fn::FindInMap'],
  ['ImportValue', 'Fn::ImportValue'], ['GetAZs', 'Fn::GetAZs'], ['Base64', 'Fn::Base64'], ['Cidr', 'Fn::Cidr'], ['Condition', 'Condition'],
];

const cfnTags: Tags = INTRINSICS.flatMap(([tag, key]) =>
  (['scalar', 'seq', 'map'] as const).map((collection) => ({
    tag: `!${tag}`,
    collection: collection === 'scalar' ? undefined : collection,
    resolve: (value: unknown) => {
      const v = value as { toJSON?: () => unknown } | string;
      const plain = typeof v === 'object' && v !== null && typeof v.toJSON === 'function' ? v.toJSON() : v;
      // `!GetAtt A.B` is the short form of ['A', 'B'].
      return { [key]: key === 'Fn::GetAtt' && typeof plain === 'string' ? plain.split('.') : plain };
    },
  })) as Tags,
);

export interface CfnTemplate {
  Globals?: { Function?: Record<string, any> };
  Resources: Record<string, { Type: string; Properties: Record<string, any> }>;
}

export function loadTemplate(path = TEMPLATE_PATH): CfnTemplate {
  return parse(readFileSync(path, 'utf8'), { customTags: cfnTags }) as CfnTemplate;
}

/** An HTTP API route of the template: `GET /api/rounds/{id}` → a function's logical id. */
export interface TemplateRoute {
  method: string;
  path: string;
  functionId: string;
}

export function templateRoutes(template: CfnTemplate): TemplateRoute[] {
  const routes: TemplateRoute[] = [];
  for (const [id, res] of Object.entries(template.Resources)) {
    if (res.Type !== 'AWS::Serverless::Function') continue;
    for (const event of Object.values<any>(res.Properties.Events ?? {}))
      if (event.Type === 'HttpApi') routes.push({ method: String(event.Properties.Method).toUpperCase(), path: event.Properties.Path, functionId: id });
  }
  return routes;
}

/**
 * API Gateway HTTP API route selection for a concrete request: the method must match (or be
 * ANY); a literal segment beats `{param}`, which beats a greedy `{proxy+}`; a method match beats
 * ANY. https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html
 */
export function selectRoute(routes: readonly TemplateRoute[], method: string, path: string): TemplateRoute | undefined {
  const segments = path.split('/').filter(Boolean);
  let best: { route: TemplateRoute; score: number[] } | undefined;
  for (const route of routes) {
    if (route.method !== 'ANY' && route.method !== method.toUpperCase()) continue;
    const score = matchScore(route.path.split('/').filter(Boolean), segments);
    if (!score) continue;
    score.push(route.method === 'ANY' ? 0 : 1);
    if (!best || compare(score, best.score) > 0) best = { route, score };
  }
  return best?.route;
}

function matchScore(pattern: string[], segments: string[]): number[] | undefined {
  const score: number[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    if (/^\{\w+\+\}$/.test(p)) return i === pattern.length - 1 && segments.length > i ? [...score, 0] : undefined;
    const s = segments[i];
    if (s === undefined) return undefined;
    if (/^\{\w+\}$/.test(p)) score.push(1);
    else if (p === s) score.push(2);
    else return undefined;
  }
  return segments.length === pattern.length ? [...score, 3] : undefined;
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? -1) !== (b[i] ?? -1)) return (a[i] ?? -1) - (b[i] ?? -1);
  return 0;
}
