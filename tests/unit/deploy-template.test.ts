import { readFileSync, readdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { tableDefinition, TTL_ATTRIBUTE } from '../../functions/src/adapters/dynamodb/table';
import { keys } from '../../functions/src/adapters/dynamodb/keys';
import { ROUTES } from '../../functions/src/http/routes';
import { exportRoutes } from '../../functions/src/http/routes/exports';
import type { RouteSpec } from '../../functions/src/http/route';
import { groupOf } from '../../functions/src/lambda/route-groups';
import { BUNDLE_FILE, buildAllBundles, LAMBDA_FUNCTIONS, MAX_BUNDLE_BYTES, type BuiltBundle, type LambdaFunction, type SecretVariable } from '../../scripts/lambda/bundles';
import { loadTemplate, selectRoute, templateRoutes } from '../../scripts/lambda/template';

/** template.yaml and the code must agree: the deploy is only as right as this file. */
const template = loadTemplate();
const resources = template.Resources;
const functions = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::Serverless::Function');
const globals = template.Globals?.Function ?? {};
const setting = (props: Record<string, any>, key: string) => props[key] ?? globals[key];
const envOf = (props: Record<string, any>) => ({ ...globals.Environment?.Variables, ...props.Environment?.Variables });
/** What a function's entry mounts: the `routes` of its routes module (lambda/<name>-routes.ts). */
const routesOfFunction = (fn: LambdaFunction): RouteSpec<any>[] => require(resolve(__dirname, '../..', fn.routesModule)).routes;

describe('the table', () => {
  const def = tableDefinition('any');
  const table = resources.Table!.Properties;
  const byName = (list: Array<{ AttributeName?: string; IndexName?: string }>) => [...list].sort((a, b) => String(a.AttributeName ?? a.IndexName).localeCompare(String(b.AttributeName ?? b.IndexName)));

  it('has the keys, attribute types and billing mode of tableDefinition()', () => {
    expect(table.BillingMode).toBe(def.BillingMode);
    expect(table.KeySchema).toEqual(def.KeySchema);
    expect(byName(table.AttributeDefinitions)).toEqual(byName(def.AttributeDefinitions!));
  });

  it('has the global secondary indexes of tableDefinition()', () => {
    const strip = (gsis: any[]) => byName(gsis.map((g) => ({ IndexName: g.IndexName, KeySchema: g.KeySchema, Projection: g.Projection })));
    expect(strip(table.GlobalSecondaryIndexes)).toEqual(strip(def.GlobalSecondaryIndexes!));
  });

  it('streams the same view and expires items on the TTL attribute the code writes', () => {
    expect(def.StreamSpecification?.StreamEnabled).toBe(true);
    expect(table.StreamSpecification).toEqual({ StreamViewType: def.StreamSpecification!.StreamViewType });
    expect(table.TimeToLiveSpecification).toEqual({ AttributeName: TTL_ATTRIBUTE, Enabled: true });
  });

  it('keeps point-in-time recovery, encryption, deletion protection and survives stack deletion', () => {
    expect(table.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.SSESpecification).toEqual({ SSEEnabled: true });
    expect(table.DeletionProtectionEnabled).toBe(true);
    expect(resources.Table).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});

describe('the functions', () => {
  it('are exactly the bundles scripts/lambda/bundles.ts builds, on nodejs22.x arm64', () => {
    expect(functions.map(([id]) => id).sort()).toEqual(LAMBDA_FUNCTIONS.map((f) => f.logicalId).sort());
    for (const fn of LAMBDA_FUNCTIONS) {
      const props = resources[fn.logicalId]!.Properties;
      expect(props.CodeUri).toBe(`dist/lambda/${fn.name}`);
      expect(setting(props, 'Handler')).toBe(`${BUNDLE_FILE.replace(/\.js$/, '')}.${fn.handlerExport}`);
      expect(setting(props, 'Runtime')).toBe('nodejs22.x');
      expect(setting(props, 'Architectures')).toEqual(['arm64']);
    }
  });

  const secretRef = (key: string) => ({ 'Fn::Sub': `{{resolve:secretsmanager:\${SecretName}:SecretString:${key}}}` });
  const fromSecret = (env: Record<string, unknown>) => Object.keys(env).filter((k) => JSON.stringify(env[k]).includes('resolve:secretsmanager')).sort();

  it('get the table by reference, exactly the secrets they read, and never a local-only switch', () => {
    for (const fn of LAMBDA_FUNCTIONS) {
      const env = envOf(resources[fn.logicalId]!.Properties);
      expect({ fn: fn.name, secrets: fromSecret(env) }).toEqual({ fn: fn.name, secrets: [...fn.secrets].sort() });
      for (const key of fn.secrets) expect(env[key]).toEqual(secretRef(key));
      // A changed secret reaches a function only through a changed environment (SecretsRevision).
      if (fn.secrets.length > 0) expect(env.SECRETS_REVISION).toEqual({ Ref: 'SecretsRevision' });
      expect(env.TABLE_NAME).toEqual({ Ref: 'Table' });
      for (const local of ['AUTH_DEV_LOGIN', 'DYNAMODB_ENDPOINT']) expect(env).not.toHaveProperty(local);
    }
  });

  it('give the real WeChat AppID to every function that holds the AppSecret, and the keys to those that verify sessions', () => {
    // Without them the code falls back to local stand-ins: a login that trusts any code
    // (citizen: /auth/wechat*) and plain QR images instead of mini-program codes (staff).
    const citizen = LAMBDA_FUNCTIONS.find((f) => f.name === 'citizen')!;
    const staff = LAMBDA_FUNCTIONS.find((f) => f.name === 'staff')!;
    for (const fn of [citizen, staff]) expect([...fn.secrets].sort()).toEqual(['PSEUDONYM_SECRET', 'SESSION_SECRET', 'TOKEN_SECRET', 'WECHAT_SECRET']);
    for (const fn of LAMBDA_FUNCTIONS.filter((f) => f.secrets.includes('WECHAT_SECRET'))) expect(envOf(resources[fn.logicalId]!.Properties).WECHAT_APPID).toEqual({ Ref: 'WechatAppId' });
  });

  it('hold no secret where every route is public (the exports function)', () => {
    for (const fn of LAMBDA_FUNCTIONS) {
      const allPublic = routesOfFunction(fn).every((r) => r.auth === 'public');
      if (allPublic) expect({ fn: fn.name, secrets: fn.secrets }).toEqual({ fn: fn.name, secrets: [] });
    }
    expect(LAMBDA_FUNCTIONS.find((f) => f.name === 'exports')!.secrets).toEqual([]);
  });
});

describe('the routes', () => {
  const wired = templateRoutes(template);
  const key = (r: RouteSpec<any>) => `${r.method.toUpperCase()} ${r.path}`;
  const DEPLOYED = ROUTES.filter((r) => groupOf(r) !== 'local');

  it('are each served by exactly one function: the one its group names (route-groups.ts)', () => {
    const served = LAMBDA_FUNCTIONS.flatMap((fn) => routesOfFunction(fn).map((r) => ({ route: key(r), fn: fn.name })));
    expect(served.map((s) => s.route).sort()).toEqual(DEPLOYED.map(key).sort());
    expect(served.sort((a, b) => a.route.localeCompare(b.route))).toEqual(DEPLOYED.map((r) => ({ route: key(r), fn: groupOf(r) })).sort((a, b) => a.route.localeCompare(b.route)));
  });

  it('leave the dev login to the local server: no function mounts it and the template does not name it', () => {
    const local = ROUTES.filter((r) => groupOf(r) === 'local');
    expect(local.map(key)).toEqual(['POST /auth/dev']);
    for (const fn of LAMBDA_FUNCTIONS) expect(routesOfFunction(fn).map(key)).not.toContain('POST /auth/dev');
    expect(wired.map((r) => r.path)).not.toContain('/api/auth/dev');
  });

  it('send the Excel, CSV and print downloads to the exports function', () => {
    expect(routesOfFunction(LAMBDA_FUNCTIONS.find((f) => f.name === 'exports')!).map(key).sort()).toEqual(exportRoutes.map(key).sort());
  });

  const concrete = (path: string) => `/api${path.replace(/:(\w+)/g, 'sample-$1')}`;
  const groupOfFunction = (id: string) => LAMBDA_FUNCTIONS.find((f) => f.logicalId === id)?.name;

  it.each(DEPLOYED.map((r) => [r.method.toUpperCase(), r.path, r] as const))('%s %s reaches the function that serves it', (method, path, spec) => {
    const selected = selectRoute(wired, method, concrete(path));
    expect(selected).toBeDefined();
    expect(groupOfFunction(selected!.functionId)).toBe(groupOf(spec));
  });

  it('lists no explicit route the code does not have', () => {
    const known = new Set(ROUTES.map((r) => `${r.method.toUpperCase()} /api${r.path.replace(/:(\w+)/g, '{$1}')}`));
    const explicit = wired.filter((r) => !r.path.includes('+}'));
    expect(explicit.map((r) => `${r.method} ${r.path}`).filter((r) => !known.has(r))).toEqual([]);
  });
});

describe('least privilege', () => {
  const statements = (props: Record<string, any>) => (props.Policies ?? []).flatMap((p: any) => p.Statement ?? []);
  const actions = (props: Record<string, any>) => new Set<string>(statements(props).flatMap((s: any) => [s.Action].flat()));
  /** Every SDK command the adapters send, as the IAM actions it needs (transactions: per item). */
  const needed = () => {
    const dir = resolve(__dirname, '../../functions/src/adapters/dynamodb');
    const source = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    const map: Record<string, string[]> = {
      GetCommand: ['GetItem'], BatchGetCommand: ['BatchGetItem'], QueryCommand: ['Query'], PutCommand: ['PutItem'], UpdateCommand: ['UpdateItem'],
      DeleteCommand: ['DeleteItem'], ScanCommand: ['Scan'], BatchWriteCommand: ['BatchWriteItem'], TransactGetCommand: ['GetItem'],
      TransactWriteCommand: [...(/\bPut:/.test(source) ? ['PutItem'] : []), ...(/\bUpdate:/.test(source) ? ['UpdateItem'] : []), ...(/\bDelete:/.test(source) ? ['DeleteItem'] : []), ...(/\bConditionCheck:/.test(source) ? ['ConditionCheckItem'] : [])],
    };
    const used = [...new Set([...source.matchAll(/new (\w+Command)\(/g)].map((m) => m[1]!))];
    return used.flatMap((c) => map[c] ?? [`unmapped ${c}`]).map((a) => `dynamodb:${a}`);
  };

  it('grants every DynamoDB action the adapters use to a function', () => {
    const granted = new Set(functions.flatMap(([, res]) => [...actions(res.Properties)]));
    expect(needed().filter((a) => !granted.has(a))).toEqual([]);
  });

  it('lets no function delete anything but one-time binding codes', () => {
    const bindCodePartition = keys.bindCode('hash').PK;
    for (const [, res] of functions)
      for (const s of statements(res.Properties).filter((st: any) => st.Effect === 'Allow' && [st.Action].flat().includes('dynamodb:DeleteItem'))) {
        const prefixes: string[] = s.Condition?.['ForAllValues:StringLike']?.['dynamodb:LeadingKeys'] ?? [];
        expect(prefixes.length).toBeGreaterThan(0);
        for (const p of prefixes) expect(bindCodePartition.startsWith(p.replace(/\*$/, ''))).toBe(true);
        expect(keys.ballot('r', 0, 't', 'b').PK.startsWith(prefixes[0]!.replace(/\*$/, ''))).toBe(false);
      }
  });

  it('denies every function that may write updates and deletes of audit items (both logs are append only)', () => {
    const auditKeys = [keys.audit('r1', '2026-01-01T00:00:00.000Z', 'e').PK, keys.officeAudit('2026-01-01T00:00:00.000Z', 'e').PK];
    const writes = /^dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem|TransactWriteItems)$/;
    const writers = functions.filter(([, res]) => statements(res.Properties).some((st: any) => st.Effect === 'Allow' && [st.Action].flat().some((a: string) => writes.test(a))));
    // Only the read-only functions (exports, paper PDFs) may go without the Deny; the others all write.
    expect(functions.filter(([id]) => !writers.some(([w]) => w === id)).map(([id]) => id).sort()).toEqual(['ExportsFunction', 'PaperFunction']);
    for (const [, res] of writers) {
      const deny = statements(res.Properties).find((st: any) => st.Effect === 'Deny' && st.Sid === 'AuditLogsAppendOnly');
      expect([deny?.Action].flat()).toEqual(expect.arrayContaining(['dynamodb:UpdateItem', 'dynamodb:DeleteItem']));
      const patterns: string[] = deny.Condition['ForAnyValue:StringLike']['dynamodb:LeadingKeys'];
      const matches = (key: string) => patterns.some((p) => (p.endsWith('*') ? key.startsWith(p.slice(0, -1)) : key === p));
      expect(auditKeys.filter((k) => !matches(k))).toEqual([]);
      expect(matches(keys.ballot('r1', 0, 't', 'b').PK)).toBe(false);
    }
  });

  it('grants no function wildcards, scans or unconditioned deletes, and only on our table and bucket', () => {
    for (const [, res] of functions) {
      for (const s of statements(res.Properties)) {
        for (const a of [s.Action].flat()) expect(a).not.toMatch(/\*|Scan|DeleteTable|DeleteObject/);
        if ([s.Action].flat().includes('dynamodb:DeleteItem')) expect(s.Condition).toBeDefined();
        for (const r of [s.Resource].flat()) expect(JSON.stringify(r)).toMatch(/\["Table","Arn"\]|\$\{Table\.Arn\}\/index\/\*|\$\{EvidenceBucket\.Arn\}\/tasks\/\*/);
      }
    }
  });

  it('keeps the citizen function off the evidence bucket and off batch writes', () => {
    const citizen = actions(resources.CitizenFunction!.Properties);
    expect([...citizen].filter((a) => a.startsWith('s3:') || a === 'dynamodb:BatchWriteItem')).toEqual([]);
  });

  it('lets the exports function only read the table', () => {
    expect([...actions(resources.ExportsFunction!.Properties)].sort()).toEqual(['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query']);
  });

  it('makes evidence objects write-once: every PutObject under tasks/ without If-None-Match is denied', () => {
    const policy = resources.EvidenceBucketPolicy!.Properties.PolicyDocument.Statement as Array<Record<string, any>>;
    expect(policy.find((s) => s.Sid === 'EvidenceWriteOnce')).toEqual({
      Sid: 'EvidenceWriteOnce', Effect: 'Deny', Principal: '*', Action: 's3:PutObject', Resource: { 'Fn::Sub': '${EvidenceBucket.Arn}/tasks/*' }, Condition: { Null: { 's3:if-none-match': 'true' } },
    });
  });

  it('gives the evidence bucket to the staff function alone, the one whose routes handle evidence', () => {
    for (const fn of LAMBDA_FUNCTIONS) {
      const props = resources[fn.logicalId]!.Properties;
      const hasBucket = [...actions(props)].some((a) => a.startsWith('s3:')) || envOf(props).EVIDENCE_BUCKET !== undefined;
      expect({ fn: fn.name, hasBucket }).toEqual({ fn: fn.name, hasBucket: fn.name === 'staff' });
    }
  });
});

describe('the bundles', () => {
  let outDir: string;
  let built: BuiltBundle[];
  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'lambda-bundles-'));
    built = await buildAllBundles(outDir);
  }, 60_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  // Issue 8: each function's bundle ≤ 1 MB (init ≤ 150 ms stays a benchmark: bench/bundles.ts).
  // Bundle size is deterministic for a given lockfile, so it is a test.
  it('builds each function within 1 MB', () => {
    expect(built.map((b) => b.fn.name).sort()).toEqual(LAMBDA_FUNCTIONS.map((f) => f.name).sort());
    for (const b of built) expect({ fn: b.fn.name, kb: Math.ceil(b.bytes / 1024), within: b.bytes <= MAX_BUNDLE_BYTES }).toEqual({ fn: b.fn.name, kb: Math.ceil(b.bytes / 1024), within: true });
  });

  const inputs = (b: BuiltBundle) => Object.values(b.metafile.outputs).flatMap((o) => Object.keys(o.inputs));
  const carries = (b: BuiltBundle, pattern: RegExp) => inputs(b).some((i) => pattern.test(i));

  it('keeps the Excel writer in the exports and workbooks functions alone, the S3 client in the staff function alone, and the PDF writer in the paper function alone', () => {
    const byName = Object.fromEntries(built.map((b) => [b.fn.name, { exceljs: carries(b, /node_modules\/exceljs\//), s3: carries(b, /node_modules\/@aws-sdk\/client-s3\//), pdfkit: carries(b, /node_modules\/pdfkit\//) }]));
    expect(byName).toEqual({
      citizen: { exceljs: false, s3: false, pdfkit: false },
      staff: { exceljs: false, s3: true, pdfkit: false },
      exports: { exceljs: true, s3: false, pdfkit: false },
      workbooks: { exceljs: true, s3: false, pdfkit: false },
      paper: { exceljs: false, s3: false, pdfkit: true },
    });
  });

  it('puts in each bundle only its own route modules, never the whole route table', () => {
    for (const b of built) {
      expect({ fn: b.fn.name, wholeTable: carries(b, /functions\/src\/http\/routes\/index\.ts$/) }).toEqual({ fn: b.fn.name, wholeTable: false });
      expect({ fn: b.fn.name, zodOpenApi: carries(b, /node_modules\/zod-openapi\//) }).toEqual({ fn: b.fn.name, zodOpenApi: false });
    }
  });

  it('carries neither the dev login route nor the `dev-<name>` WeChat stand-in, whatever the environment', () => {
    for (const b of built) {
      const local = { devLogin: carries(b, /functions\/src\/http\/routes\/dev-login\.ts$/), standIn: carries(b, /functions\/src\/adapters\/local\/local-wechat\.ts$/), localDeps: carries(b, /functions\/src\/config\/deps\.ts$/) };
      expect({ fn: b.fn.name, ...local }).toEqual({ fn: b.fn.name, devLogin: false, standIn: false, localDeps: false });
    }
  });

  it('exports the handler the template names, initialised with only the secrets the template gives it', () => {
    const values: Record<SecretVariable, string> = { TOKEN_SECRET: 't', PSEUDONYM_SECRET: 'p', SESSION_SECRET: 's', WECHAT_SECRET: 'w' };
    const saved = { ...process.env };
    try {
      for (const b of built) {
        process.env = { ...saved, TABLE_NAME: 't-bundle', AWS_REGION: 'cn-north-1', ...(b.fn.secrets.includes('WECHAT_SECRET') ? { WECHAT_APPID: 'wx-test' } : {}) };
        for (const key of Object.keys(values) as SecretVariable[]) delete process.env[key];
        for (const key of b.fn.secrets) process.env[key] = values[key];
        expect(typeof require(b.file)[b.fn.handlerExport]).toBe('function');
      }
    } finally {
      process.env = saved;
    }
  });
});
