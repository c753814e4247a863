'use strict';

// Conformance of slbfake with the Node.js V2.0 SDKs, which sign with
// Signature V3 (ACS3-HMAC-SHA256) by default and send Action and Version as
// the x-acs-action / x-acs-version headers: the generated
// @alicloud/ecs20140526 and @alicloud/vpc20160428 clients (built on
// @alicloud/openapi-core), and the generic call of @alicloud/openapi-client
// for SLB, with the Params the generated slb20140515 client builds. All with
// their default settings, against cmd/slbfake on a loopback port.
//
// Every answer of a generated client is also checked, strictly, against its
// model classes (names() and types()): the runtime's cast converts a number
// into a string field silently, so the check walks the raw body.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');

const { default: Ecs, ...ecsModels } = require('@alicloud/ecs20140526');
const { default: Vpc, ...vpcModels } = require('@alicloud/vpc20160428');
const { $OpenApiUtil, ClientError } = require('@alicloud/openapi-core');
const { default: OpenApi, Config, Params, OpenApiRequest } = require('@alicloud/openapi-client');
const OpenApiUtil = require('@alicloud/openapi-util').default;
const { RuntimeOptions } = require('@alicloud/tea-util');

const { startSlbfake, ACCESS_KEY_ID, ACCESS_KEY_SECRET, REQUEST_ID } = require('./slbfake');

const REGION = 'cn-hangzhou';
const ZONE = 'cn-hangzhou-h';
const IMAGE = 'aliyun_3_x64_20G_alibase_20240819.vhd';
const INSTANCE_TYPE = 'ecs.g7.large';
const SECURITY_GROUP = 'sg-bp1conformance0000';

const MSG_BACKENDS_INVALID = 'The specified BackendServers is invalid.';
const MSG_OBTAIN_IP_FAIL = 'The specified BackendServers is invalid; some of the specified ' +
  'backend servers do not exist or are not running.';

let server; // the running slbfake (slbfake.js)
let ecs, vpc; // generated clients (openapi-core)
let slb; // generic client (openapi-client)

// findings collects, by path, what the strict model check finds in the
// answers of the generated clients.
const findings = {};

// config is an openapi-core Config: the defaults, but for the endpoint
// (HOST:PORT) and HTTP.
function coreConfig(secret = ACCESS_KEY_SECRET) {
  return new $OpenApiUtil.Config({
    accessKeyId: ACCESS_KEY_ID, accessKeySecret: secret, endpoint: server.host, protocol: 'HTTP', regionId: REGION,
  });
}

// modelDiffs walks a raw JSON value beside a generated model type (a model
// class, 'string', 'number', 'boolean', { type: 'array', itemType }, ...)
// and records every member the model has no field for and every value of
// another type than the model's.
function modelDiffs(path, value, type, out) {
  if (value === null || value === undefined) {
    return;
  }
  if (typeof type === 'string') {
    if (!['any', 'map', 'Readable', 'Writable', 'Buffer'].includes(type) && typeof value !== type) {
      out[path] = `the fake sends a ${typeof value}, the model has ${type}`;
    }
    return;
  }
  if (type.type === 'array') {
    if (!Array.isArray(value)) {
      out[path] = `the fake sends a ${typeof value}, the model has an array`;
      return;
    }
    value.forEach((v) => modelDiffs(`${path}[]`, v, type.itemType, out));
    return;
  }
  if (typeof type === 'function' && typeof type.names === 'function') {
    if (typeof value !== 'object' || Array.isArray(value)) {
      out[path] = `the fake sends ${JSON.stringify(value)}, the model has ${type.name}`;
      return;
    }
    const names = type.names();
    const types = type.types();
    const byWire = Object.fromEntries(Object.entries(names).map(([prop, wire]) => [wire, prop]));
    for (const [wire, v] of Object.entries(value)) {
      const prop = byWire[wire];
      if (prop === undefined) {
        out[`${path}.${wire}`] = 'not in the model';
        continue;
      }
      modelDiffs(`${path}.${wire}`, v, types[prop], out);
    }
  }
}

// recordRaw makes a generated client keep the raw body of its last answer
// (callApi's result, before the client casts it into the response model).
function recordRaw(client) {
  const callApi = client.callApi.bind(client);
  client.callApi = async (...args) => {
    const resp = await callApi(...args);
    client.lastRaw = resp.body;
    return resp;
  };
  return client;
}

// call makes one call through a generated client: client[method](new
// models[Action + 'Request'](fields)); checks the status, the RequestId and
// the raw body against the response model; returns the typed body.
async function call(client, models, action, fields) {
  const method = action[0].toLowerCase() + action.slice(1);
  const resp = await client[method](new models[`${action}Request`](fields));
  assert.ok(resp instanceof models[`${action}Response`], `${action}: a typed response`);
  assert.equal(resp.statusCode, 200);
  assert.match(resp.body.requestId, REQUEST_ID);
  modelDiffs(action, client.lastRaw, models[`${action}Response`].types().body, findings);
  return resp.body;
}

// slbParams are the Params the generated slb20140515 client builds for an
// action: RPC style, POST, every parameter in the query.
function slbParams(action, version = '2014-05-15') {
  return new Params({
    action, version, protocol: 'HTTPS', pathname: '/', method: 'POST',
    authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json',
  });
}

// callSlb makes a generic SLB call with the parameters in the query (as the
// generated client puts them) or, with inBody, in a form body.
async function callSlb(action, parameters, { client = slb, inBody = false, version } = {}) {
  const request = inBody ?
    new OpenApiRequest({ query: OpenApiUtil.query({ RegionId: REGION }), body: parameters }) :
    new OpenApiRequest({ query: OpenApiUtil.query({ RegionId: REGION, ...parameters }) });
  const resp = await client.callApi(slbParams(action, version), request, new RuntimeOptions({}));
  assert.equal(resp.statusCode, 200);
  assert.match(resp.body.RequestId, REQUEST_ID);
  return resp.body;
}

// rejectsWith calls fn, expects a V2.0 SDK error, checks its code, status,
// message and the error body in err.data, and returns the error.
async function rejectsWith(fn, code, message, status) {
  let err;
  try {
    await fn();
  } catch (e) {
    err = e;
  }
  assert.ok(err, `expected the call to fail with ${code}`);
  assert.equal(err.code, code, `err.code (message: ${err.message})`);
  assert.equal(err.statusCode, status);
  assert.equal(err.data.Code, code);
  if (message instanceof RegExp) {
    assert.match(err.data.Message, message);
  } else {
    assert.equal(err.data.Message, message);
  }
  assert.match(err.data.RequestId, REQUEST_ID);
  assert.ok(err.message.includes(`code: ${status}, ${err.data.Message} request id: ${err.data.RequestId}`), err.message);
  assert.equal(typeof err.data.HostId, 'string');
  assert.ok(err.data.Recommend.includes(encodeURIComponent(code)), err.data.Recommend);
  return err;
}

before(async () => {
  server = await startSlbfake();
  ecs = recordRaw(new Ecs(coreConfig()));
  vpc = recordRaw(new Vpc(coreConfig()));
  slb = new OpenApi(new Config({ accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET, endpoint: server.host, protocol: 'HTTP' }));
}, { timeout: 300000 });

after(async () => {
  if (server) {
    await server.stop();
  }
});

// The world the tests share, seeded by the first test.
const world = {};

test('the VPC and ECS actions through the generated clients (V3)', async () => {
  const v = await call(vpc, vpcModels, 'CreateVpc', { regionId: REGION, cidrBlock: '192.168.0.0/16', vpcName: 'v2-sdk' });
  assert.match(v.vpcId, /^vpc-/);
  world.vpcId = v.vpcId;
  const s = await call(vpc, vpcModels, 'CreateVSwitch', {
    regionId: REGION, vpcId: world.vpcId, zoneId: ZONE, cidrBlock: '192.168.1.0/24', vSwitchName: 'v2-sdk',
  });
  assert.match(s.vSwitchId, /^vsw-/);
  world.vswId = s.vSwitchId;
  const vpcs = await call(vpc, vpcModels, 'DescribeVpcs', { regionId: REGION, vpcId: world.vpcId });
  assert.deepEqual(vpcs.vpcs.vpc.map((x) => x.vSwitchIds.vSwitchId), [[world.vswId]]);
  const vsws = await call(vpc, vpcModels, 'DescribeVSwitches', { regionId: REGION, vpcId: world.vpcId, pageSize: 5 });
  assert.equal(vsws.vSwitches.vSwitch[0].cidrBlock, '192.168.1.0/24');

  const run = await call(ecs, ecsModels, 'RunInstances', {
    regionId: REGION, imageId: IMAGE, instanceType: INSTANCE_TYPE, securityGroupId: SECURITY_GROUP, vSwitchId: world.vswId, amount: 4,
  });
  const ids = run.instanceIdSets.instanceIdSet;
  assert.equal(ids.length, 4);
  [world.i1, world.i2, world.i3, world.stopped] = ids;
  const spare = await call(ecs, ecsModels, 'CreateInstance', {
    regionId: REGION, imageId: IMAGE, instanceType: INSTANCE_TYPE, vSwitchId: world.vswId, instanceName: 'spare',
  });
  // The generated StartInstance, StopInstance and DeleteInstance requests have no regionId.
  await call(ecs, ecsModels, 'StartInstance', { instanceId: spare.instanceId });
  await call(ecs, ecsModels, 'StopInstance', { instanceId: world.stopped });
  await call(ecs, ecsModels, 'DeleteInstance', { instanceId: spare.instanceId, force: true });

  // An array becomes the repeated InstanceId.1, InstanceId.2, ...
  const st = await call(ecs, ecsModels, 'DescribeInstanceStatus', { regionId: REGION, instanceId: ids, pageSize: 10 });
  const status = Object.fromEntries(st.instanceStatuses.instanceStatus.map((x) => [x.instanceId, x.status]));
  assert.deepEqual(status, {
    [world.i1]: 'Running', [world.i2]: 'Running', [world.i3]: 'Running', [world.stopped]: 'Stopped',
  });

  const eni = await call(ecs, ecsModels, 'CreateNetworkInterface', {
    regionId: REGION, vSwitchId: world.vswId, securityGroupId: SECURITY_GROUP, secondaryPrivateIpAddressCount: 1,
  });
  await call(ecs, ecsModels, 'AttachNetworkInterface', { regionId: REGION, networkInterfaceId: eni.networkInterfaceId, instanceId: world.i3 });
  const enis = await call(ecs, ecsModels, 'DescribeNetworkInterfaces', { regionId: REGION, networkInterfaceId: [eni.networkInterfaceId] });
  assert.equal(enis.networkInterfaceSets.networkInterfaceSet[0].instanceId, world.i3);
  assert.equal(enis.networkInterfaceSets.networkInterfaceSet[0].privateIpSets.privateIpSet.length, 2);
  const described = await call(ecs, ecsModels, 'DescribeInstances', { regionId: REGION, instanceIds: JSON.stringify([world.i3]) });
  assert.equal(described.instances.instance[0].networkInterfaces.networkInterface[0].networkInterfaceId, eni.networkInterfaceId);
  await call(ecs, ecsModels, 'DetachNetworkInterface', { regionId: REGION, networkInterfaceId: eni.networkInterfaceId, instanceId: world.i3 });
  await call(ecs, ecsModels, 'DeleteNetworkInterface', { regionId: REGION, networkInterfaceId: eni.networkInterfaceId });
});

test('a generated client\'s error is an openapi-core ClientError', async () => {
  const err = await rejectsWith(() => ecs.startInstance(new ecsModels.StartInstanceRequest({ instanceId: 'i-bp1doesnotexist000000' })),
    'InvalidInstanceId.NotFound', 'The specified InstanceId does not exist.', 404);
  assert.ok(err instanceof ClientError);
  assert.equal(err.requestId, err.data.RequestId);
  assert.equal(err.data.HostId, 'ecs.aliyuncs.com');
});

test('SLB through the generic call: CreateLoadBalancer and AddBackendServers (query)', async () => {
  assert.ok(world.vswId, 'the seeding test must pass first');
  const lb = await callSlb('CreateLoadBalancer', {
    AddressType: 'intranet', VSwitchId: world.vswId, LoadBalancerName: 'v2-sdk',
  });
  assert.match(lb.LoadBalancerId, /^lb-/);
  assert.equal(lb.NetworkType, 'vpc');
  assert.equal(lb.VpcId, world.vpcId);
  world.lbId = lb.LoadBalancerId;

  const resp = await callSlb('AddBackendServers', {
    LoadBalancerId: world.lbId,
    BackendServers: JSON.stringify([{ ServerId: world.i1, Weight: 100, Description: 'web/1' }]),
  });
  assert.equal(resp.LoadBalancerId, world.lbId);
  assert.equal(resp.Code, undefined);
  assert.deepEqual(resp.BackendServers.BackendServer, [{ ServerId: world.i1, Weight: 100, Type: 'ecs', Description: 'web/1' }]);
});

test('SLB through the generic call: AddBackendServers in a form body, lenient BackendServers', async () => {
  assert.ok(world.lbId, 'the seeding test must pass first');
  // Terraform's style: single quotes, Weight as a string. In a form body
  // the request's content-type is a signed header.
  const resp = await callSlb('AddBackendServers', {
    LoadBalancerId: world.lbId,
    BackendServers: `[{'ServerId':'${world.i2}','Weight':'50', 'Type': 'ecs'}]`,
  }, { inBody: true });
  const list = resp.BackendServers.BackendServer;
  assert.deepEqual(list.map((b) => b.ServerId), [world.i1, world.i2]);
  assert.deepEqual(list.map((b) => b.Weight), [100, 50]);
});

test('SLB through the generic call: the errors of AddBackendServers', async () => {
  assert.ok(world.lbId, 'the seeding test must pass first');
  const again = { LoadBalancerId: world.lbId, BackendServers: JSON.stringify([{ ServerId: world.i1 }]) };
  let err = await rejectsWith(() => callSlb('AddBackendServers', again), 'InvalidParameter', MSG_BACKENDS_INVALID, 400);
  assert.equal(err.data.HostId, 'slb.aliyuncs.com');
  await rejectsWith(() => callSlb('AddBackendServers', again, { inBody: true }), 'InvalidParameter', MSG_BACKENDS_INVALID, 400);

  // i3 is fine but the stopped one is not: all or nothing.
  await rejectsWith(() => callSlb('AddBackendServers', {
    LoadBalancerId: world.lbId,
    BackendServers: JSON.stringify([{ ServerId: world.i3, Weight: 10 }, { ServerId: world.stopped, Weight: 10 }]),
  }), 'ObtainIpFail', MSG_OBTAIN_IP_FAIL, 400);
  err = await rejectsWith(() => callSlb('AddBackendServers', {
    LoadBalancerId: 'lb-bp1doesnotexist000000', BackendServers: JSON.stringify([{ ServerId: world.i3 }]),
  }, { inBody: true }), 'InvalidLoadBalancerId.NotFound', 'The specified LoadBalancerId does not exist.', 404);

  const attr = await callSlb('DescribeLoadBalancerAttribute', { LoadBalancerId: world.lbId });
  const list = attr.BackendServers.BackendServer;
  assert.deepEqual(list.map((b) => b.ServerId), [world.i1, world.i2]);
  for (const b of list) {
    assert.equal(b.VpcId, world.vpcId);
    assert.match(b.ServerIp, /^192\.168\.1\.\d+$/);
  }
  const lbs = await callSlb('DescribeLoadBalancers', { ServerId: world.i2 });
  assert.deepEqual(lbs.LoadBalancers.LoadBalancer.map((x) => x.LoadBalancerId), [world.lbId]);
});

test('signature V3: characters the clients encode specially, in the query and in a form body', async () => {
  const name = "v2-sdk ~!'()* [a+b=c&d] 测试";
  const v = await call(vpc, vpcModels, 'CreateVpc', { regionId: REGION, cidrBlock: '10.0.0.0/8', vpcName: name });
  const d = await call(vpc, vpcModels, 'DescribeVpcs', { regionId: REGION, vpcId: v.vpcId });
  assert.equal(d.vpcs.vpc[0].vpcName, name);

  for (const inBody of [false, true]) {
    const lb = await callSlb('CreateLoadBalancer', { LoadBalancerName: `${name} ${inBody}` }, { inBody });
    assert.equal(lb.LoadBalancerName, `${name} ${inBody}`);
  }
});

test('gateway errors of V3 requests', async () => {
  const wrong = recordRaw(new Vpc(coreConfig('wrong-secret')));
  await rejectsWith(() => wrong.describeVpcs(new vpcModels.DescribeVpcsRequest({ regionId: REGION })), 'SignatureDoesNotMatch',
    /^Specified signature does not match our calculation\. server string to sign is:ACS3-HMAC-SHA256\n[0-9a-f]{64}$/, 400);
  await rejectsWith(() => callSlb('DescribeLoadBalancers', {}, { version: '2099-01-01' }),
    'InvalidVersion', 'Specified parameter Version is not valid.', 400);
  await rejectsWith(() => callSlb('NoSuchAction', {}),
    'InvalidAction.NotFound', 'Specified api is not found, please check your url and method', 404);
});

test('README: use it with the V2.0 SDKs', async () => {
  const endpoint = server.host; // '127.0.0.1:8080' for `go run ./cmd/slbfake`
  // README snippet begin
  const { default: Ecs, CreateInstanceRequest } = require('@alicloud/ecs20140526');
  const { $OpenApiUtil } = require('@alicloud/openapi-core');
  const { default: OpenApi, Config, Params, OpenApiRequest } = require('@alicloud/openapi-client');
  const { RuntimeOptions } = require('@alicloud/tea-util');
  const credentials = { accessKeyId: 'LTAI5tSlbFakeDefaultKey0', accessKeySecret: 'slbfake-default-secret' };

  // A generated client, as it comes (Signature V3), pointed at the fake over HTTP.
  const ecs = new Ecs(new $OpenApiUtil.Config({ ...credentials, endpoint, protocol: 'HTTP' }));
  const created = await ecs.createInstance(new CreateInstanceRequest({
    regionId: 'cn-hangzhou', imageId: 'aliyun_3_x64_20G_alibase_20240819.vhd', instanceType: 'ecs.g7.large',
  }));

  // SLB with the generic call and the Params a generated client builds.
  const slb = new OpenApi(new Config({ ...credentials, endpoint, protocol: 'HTTP' }));
  const params = (action) => new Params({ action, version: '2014-05-15', protocol: 'HTTPS', pathname: '/',
    method: 'POST', authType: 'AK', style: 'RPC', reqBodyType: 'formData', bodyType: 'json' });
  await assert.rejects(slb.callApi(params('AddBackendServers'), new OpenApiRequest({ query: {
    RegionId: 'cn-hangzhou', LoadBalancerId: 'lb-bp1notthere00000000',
    BackendServers: JSON.stringify([{ ServerId: created.body.instanceId }]),
  } }), new RuntimeOptions({})), { code: 'InvalidLoadBalancerId.NotFound', statusCode: 404 }); // err.data: the body
  // README snippet end
  assert.match(created.body.instanceId, /^i-/);
});

test('the generated models hold every answer, type for type', () => {
  // Runs last: the calls of the tests above filled findings.
  assert.deepEqual(findings, {});
});

test('one call per new family through the generic call: a vServer group, a listener on it, tags', async () => {
  assert.ok(world.lbId, 'the SLB test must pass first');
  // Parameters as the generated slb20140515 client names them: the TCP
  // create's lower-case healthCheckInterval, arrays for ResourceId.N,
  // LoadBalancerId.N and Tag.N.Key/Value.
  const g = await callSlb('CreateVServerGroup', {
    LoadBalancerId: world.lbId, VServerGroupName: 'v2-sdk/80',
    BackendServers: JSON.stringify([{ ServerId: world.i2, Port: 80, Weight: 100 }]),
  });
  assert.match(g.VServerGroupId, /^rsp-/);
  assert.deepEqual(g.BackendServers.BackendServer, [{ ServerId: world.i2, Port: 80, Weight: 100, Type: 'ecs' }]);

  await callSlb('CreateLoadBalancerTCPListener', {
    LoadBalancerId: world.lbId, ListenerPort: 80, VServerGroupId: g.VServerGroupId, Bandwidth: -1, healthCheckInterval: 3,
  });
  await callSlb('StartLoadBalancerListener', { LoadBalancerId: world.lbId, ListenerPort: 80, ListenerProtocol: 'tcp' });
  await callSlb('TagResources', {
    ResourceType: 'vservergroup', ResourceId: [g.VServerGroupId], Tag: [{ Key: 'team', Value: 'v2-sdk' }],
  });
  const tags = await callSlb('ListTagResources', { ResourceType: 'vservergroup', Tag: [{ Key: 'team' }] });
  assert.deepEqual(tags.TagResources.TagResource, [
    { ResourceId: g.VServerGroupId, ResourceType: 'vservergroup', TagKey: 'team', TagValue: 'v2-sdk' },
  ]);

  const listed = await callSlb('DescribeLoadBalancerListeners', { LoadBalancerId: [world.lbId] });
  assert.equal(listed.TotalCount, 1);
  assert.ok(Array.isArray(listed.Listeners), 'Listeners is a bare array');
  const [l] = listed.Listeners;
  assert.equal(l.Status, 'running');
  assert.equal(l.VServerGroupId, g.VServerGroupId);
  assert.equal(l.TCPListenerConfig.HealthCheckInterval, 3);

  const health = await callSlb('DescribeHealthStatus', { LoadBalancerId: world.lbId, ListenerPort: 80 });
  assert.deepEqual(health.BackendServers.BackendServer.map((s) => [s.ServerId, s.Port, s.ListenerPort, s.Protocol]),
    [[world.i2, 80, 80, 'TCP']]);
});
