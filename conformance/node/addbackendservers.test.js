'use strict';

// Conformance of slbfake with a second, independent client stack: the
// Node.js @alicloud/pop-core RPC client (exactly 1.8.0, see package.json).
// The test builds cmd/slbfake, serves it on a loopback port, seeds a world
// through the API with pop-core itself (VPC, vSwitch, ECS instances, an
// intranet VPC load balancer) and calls AddBackendServers with GET (pop-core's
// default: every parameter in the query) and POST (every parameter in a form
// body), for successes and errors.
//
// Run it with `node --test` in this directory, after `npm ci`. Set
// SLBFAKE_BIN to a built slbfake binary to skip the go build.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');

const RPCClient = require('@alicloud/pop-core');
const { startSlbfake, ACCESS_KEY_ID, ACCESS_KEY_SECRET, REQUEST_ID } = require('./slbfake');

const REGION = 'cn-hangzhou';
const ZONE = 'cn-hangzhou-h';

const MSG_BACKENDS_INVALID = 'The specified BackendServers is invalid.';
const MSG_OBTAIN_IP_FAIL = 'The specified BackendServers is invalid; some of the specified ' +
  'backend servers do not exist or are not running.';

let server; // the running slbfake (slbfake.js)
let endpoint; // http://127.0.0.1:PORT
let slb, ecs, vpc; // pop-core clients, one per product Version

function client(apiVersion, secret = ACCESS_KEY_SECRET) {
  return new RPCClient({
    accessKeyId: ACCESS_KEY_ID,
    accessKeySecret: secret,
    endpoint,
    apiVersion,
    opts: { timeout: 10000 },
  });
}

const POST = { method: 'POST' };

// rejectsWith calls fn, expects pop-core to reject with an API error, checks
// its code, its message (a string or a RegExp), the error body it carries and
// the HTTP status, and returns the error.
async function rejectsWith(fn, code, message, status) {
  let err;
  try {
    await fn();
  } catch (e) {
    err = e;
  }
  assert.ok(err, `expected the call to fail with ${code}`);
  assert.equal(err.code, code, `err.code (message: ${err.message})`);
  assert.equal(err.name, code + 'Error');
  assert.equal(err.data.Code, code);
  if (message instanceof RegExp) {
    assert.match(err.data.Message, message);
  } else {
    assert.equal(err.data.Message, message);
  }
  // pop-core's message is the body's Message, then the URL.
  assert.ok(err.message.startsWith(err.data.Message + ', URL: '), err.message);
  assert.match(err.data.RequestId, REQUEST_ID);
  assert.equal(typeof err.data.HostId, 'string');
  assert.ok(err.data.Recommend.includes(encodeURIComponent(code)), err.data.Recommend);
  if (status !== undefined) {
    assert.equal(err.entry.response.statusCode, status);
  }
  return err;
}

before(async () => {
  server = await startSlbfake();
  endpoint = server.endpoint;
  slb = client('2014-05-15');
  ecs = client('2014-05-26');
  vpc = client('2016-04-28');
}, { timeout: 300000 });

after(async () => {
  if (server) {
    await server.stop();
  }
});

// The world the tests share, seeded through the API by the first test.
const world = {};

test('seed a VPC world with pop-core', async () => {
  const v = await vpc.request('CreateVpc', { RegionId: REGION, CidrBlock: '192.168.0.0/16', VpcName: 'pop-core' });
  assert.match(v.VpcId, /^vpc-/);
  assert.match(v.RequestId, REQUEST_ID);
  world.vpcId = v.VpcId;

  // POST: every parameter, Signature included, in the form body.
  const s = await vpc.request('CreateVSwitch', {
    RegionId: REGION, VpcId: world.vpcId, ZoneId: ZONE, CidrBlock: '192.168.1.0/24', VSwitchName: 'pop-core',
  }, POST);
  assert.match(s.VSwitchId, /^vsw-/);
  world.vswId = s.VSwitchId;

  // Amount is a JS number: pop-core sends it as "4".
  const run = await ecs.request('RunInstances', {
    RegionId: REGION, ImageId: 'aliyun_3_x64_20G_alibase_20240819.vhd', InstanceType: 'ecs.g7.large',
    VSwitchId: world.vswId, Amount: 4,
  });
  const ids = run.InstanceIdSets.InstanceIdSet;
  assert.equal(ids.length, 4);
  for (const id of ids) {
    assert.match(id, /^i-/);
  }
  [world.i1, world.i2, world.i3, world.stopped] = ids;

  await ecs.request('StopInstance', { RegionId: REGION, InstanceId: world.stopped }, POST);

  // A JS array becomes the repeated form InstanceId.1, InstanceId.2, ...
  const st = await ecs.request('DescribeInstanceStatus', { RegionId: REGION, InstanceId: ids, PageSize: 10 });
  const status = Object.fromEntries(st.InstanceStatuses.InstanceStatus.map((x) => [x.InstanceId, x.Status]));
  assert.deepEqual(status, {
    [world.i1]: 'Running', [world.i2]: 'Running', [world.i3]: 'Running', [world.stopped]: 'Stopped',
  });

  const lb = await slb.request('CreateLoadBalancer', {
    RegionId: REGION, AddressType: 'intranet', VSwitchId: world.vswId, LoadBalancerName: 'pop-core',
  });
  assert.match(lb.LoadBalancerId, /^lb-/);
  assert.equal(lb.NetworkType, 'vpc');
  assert.equal(lb.VpcId, world.vpcId);
  assert.equal(lb.VSwitchId, world.vswId);
  world.lbId = lb.LoadBalancerId;
});

test('AddBackendServers with GET: success', async () => {
  assert.ok(world.lbId, 'the seeding test must pass first');
  const resp = await slb.request('AddBackendServers', {
    RegionId: REGION,
    LoadBalancerId: world.lbId,
    BackendServers: JSON.stringify([{ ServerId: world.i1, Weight: 100, Description: 'web/1' }]),
  });
  assert.match(resp.RequestId, REQUEST_ID);
  assert.equal(resp.LoadBalancerId, world.lbId);
  assert.equal(resp.Code, undefined);
  const list = resp.BackendServers.BackendServer;
  assert.ok(Array.isArray(list), 'BackendServers.BackendServer is a list');
  assert.equal(list.length, 1);
  assert.equal(list[0].ServerId, world.i1);
  assert.equal(typeof list[0].Weight, 'number');
  assert.equal(list[0].Weight, 100);
  assert.equal(list[0].Type, 'ecs');
  assert.equal(list[0].Description, 'web/1');
});

test('AddBackendServers with POST (form body): success, lenient BackendServers', async () => {
  assert.ok(world.lbId, 'the seeding test must pass first');
  // Terraform's style: single quotes, Weight as a string, a space after the
  // comma. pop-core percent-encodes the quotes (%27) in the body.
  const resp = await slb.request('AddBackendServers', {
    RegionId: REGION,
    LoadBalancerId: world.lbId,
    BackendServers: `[{'ServerId':'${world.i2}','Weight':'50', 'Type': 'ecs'}]`,
  }, POST);
  assert.match(resp.RequestId, REQUEST_ID);
  assert.equal(resp.LoadBalancerId, world.lbId);
  // The LB's whole list after the add, in attachment order.
  const list = resp.BackendServers.BackendServer;
  assert.deepEqual(list.map((b) => b.ServerId), [world.i1, world.i2]);
  assert.deepEqual(list.map((b) => b.Weight), [100, 50]);
  for (const b of list) {
    assert.equal(typeof b.Weight, 'number');
    assert.equal(b.Type, 'ecs');
  }
});

test('AddBackendServers: an instance already attached is InvalidParameter (GET and POST)', async () => {
  assert.ok(world.lbId, 'the seeding test must pass first');
  const params = {
    RegionId: REGION,
    LoadBalancerId: world.lbId,
    BackendServers: JSON.stringify([{ ServerId: world.i1, Weight: 100 }]),
  };
  await rejectsWith(() => slb.request('AddBackendServers', params), 'InvalidParameter', MSG_BACKENDS_INVALID, 400);
  const err = await rejectsWith(() => slb.request('AddBackendServers', params, POST),
    'InvalidParameter', MSG_BACKENDS_INVALID, 400);
  assert.equal(err.data.HostId, 'slb.aliyuncs.com');
});

test('AddBackendServers: a stopped or unknown instance is ObtainIpFail, and nothing is added', async () => {
  assert.ok(world.lbId, 'the seeding test must pass first');
  // i3 is fine but the stopped one is not: all or nothing.
  await rejectsWith(() => slb.request('AddBackendServers', {
    RegionId: REGION,
    LoadBalancerId: world.lbId,
    BackendServers: JSON.stringify([{ ServerId: world.i3, Weight: 10 }, { ServerId: world.stopped, Weight: 10 }]),
  }, POST), 'ObtainIpFail', MSG_OBTAIN_IP_FAIL, 400);
  await rejectsWith(() => slb.request('AddBackendServers', {
    RegionId: REGION,
    LoadBalancerId: world.lbId,
    BackendServers: JSON.stringify([{ ServerId: 'i-bp1doesnotexist000000', Weight: 10 }]),
  }), 'ObtainIpFail', MSG_OBTAIN_IP_FAIL, 400);

  const attr = await slb.request('DescribeLoadBalancerAttribute', { RegionId: REGION, LoadBalancerId: world.lbId });
  assert.equal(attr.LoadBalancerId, world.lbId);
  const list = attr.BackendServers.BackendServer;
  assert.deepEqual(list.map((b) => b.ServerId), [world.i1, world.i2]);
  for (const b of list) {
    assert.equal(b.VpcId, world.vpcId);
    assert.match(b.ServerIp, /^192\.168\.1\.\d+$/);
  }
});

test('AddBackendServers: an unknown load balancer is InvalidLoadBalancerId.NotFound (404)', async () => {
  await rejectsWith(() => slb.request('AddBackendServers', {
    RegionId: REGION,
    LoadBalancerId: 'lb-bp1doesnotexist000000',
    BackendServers: JSON.stringify([{ ServerId: world.i3 }]),
  }, POST), 'InvalidLoadBalancerId.NotFound', 'The specified LoadBalancerId does not exist.', 404);
});

test('signature: characters pop-core encodes specially, with GET and POST', async () => {
  // pop-core encodes with encodeURIComponent plus ! ' ( ) * (rpc.js encode);
  // the fake must canonicalise the same way or the signature does not match.
  const name = "pop-core ~!'()* [a+b=c&d] 测试";
  for (const opts of [{}, POST]) {
    const v = await vpc.request('CreateVpc', { RegionId: REGION, CidrBlock: '10.0.0.0/8', VpcName: name }, opts);
    const d = await vpc.request('DescribeVpcs', { RegionId: REGION, VpcId: v.VpcId }, opts);
    assert.equal(d.Vpcs.Vpc.length, 1);
    assert.equal(d.Vpcs.Vpc[0].VpcName, name);
  }
});

test('gateway errors reach pop-core as err.code', async () => {
  // A wrong secret: the fake's string to sign, which it quotes after the
  // colon, must be exactly pop-core's (rpc.js builds it from the same
  // canonical query it sends with GET, less the Signature).
  const err = await rejectsWith(
    () => client('2014-05-15', 'wrong-secret').request('DescribeLoadBalancers', { RegionId: REGION, PageSize: 5 }),
    'SignatureDoesNotMatch', /^Specified signature is not matched with our calculation\. server string to sign is:/, 400);
  const query = new URL(err.url).search.slice(1).split('&').filter((kv) => !kv.startsWith('Signature=')).join('&');
  const popCoreStringToSign = 'GET&%2F&' + encodeURIComponent(query);
  assert.equal(err.data.Message.slice(err.data.Message.indexOf('is:') + 3), popCoreStringToSign);

  await rejectsWith(() => client('2099-01-01').request('DescribeLoadBalancers', { RegionId: REGION }),
    'InvalidVersion', 'Specified parameter Version is not valid.', 400);
  await rejectsWith(() => slb.request('NoSuchAction', { RegionId: REGION }, POST),
    'InvalidAction.NotFound', 'Specified api is not found, please check your url and method', 404);
});

test('one call per new family through pop-core: a vServer group, a listener on it, tags', async () => {
  assert.ok(world.lbId, 'the seeding test must pass first');
  // pop-core parses with json-bigint, whose objects have no prototype:
  // plain copies compare with deepEqual. BackendServers in the cloud
  // controller's lower-case JSON; Port a number.
  const plain = (list) => list.map((x) => ({ ...x }));
  const g = await slb.request('CreateVServerGroup', {
    RegionId: REGION, LoadBalancerId: world.lbId, VServerGroupName: 'pop-core/80',
    BackendServers: JSON.stringify([{ serverId: world.i1, port: 80, weight: 100, type: 'ecs' }]),
  }, POST);
  assert.match(g.VServerGroupId, /^rsp-/);
  assert.deepEqual(plain(g.BackendServers.BackendServer), [{ ServerId: world.i1, Port: 80, Weight: 100, Type: 'ecs' }]);

  // The SDKs' lower-case healthCheckInterval on the TCP create.
  await slb.request('CreateLoadBalancerTCPListener', {
    RegionId: REGION, LoadBalancerId: world.lbId, ListenerPort: 80, VServerGroupId: g.VServerGroupId,
    Bandwidth: -1, healthCheckInterval: 3,
  });
  // ResourceId and Tag arrays become ResourceId.1 and Tag.1.Key/Tag.1.Value.
  await slb.request('TagResources', {
    RegionId: REGION, ResourceType: 'listener', ResourceId: [`${world.lbId}_tcp_80`],
    Tag: [{ Key: 'team', Value: 'pop-core' }],
  });
  const listed = await slb.request('DescribeLoadBalancerListeners', {
    RegionId: REGION, LoadBalancerId: [world.lbId], Tag: [{ Key: 'team', Value: 'pop-core' }],
  });
  assert.equal(listed.TotalCount, 1);
  assert.ok(Array.isArray(listed.Listeners), 'Listeners is a bare array');
  const [l] = listed.Listeners;
  assert.equal(l.ListenerPort, 80);
  assert.equal(l.ListenerProtocol, 'tcp');
  assert.equal(l.VServerGroupId, g.VServerGroupId);
  assert.equal(l.BackendServerPort, undefined, 'no BackendServerPort on a listener of a vServer group');
  assert.equal(l.TCPListenerConfig.HealthCheckInterval, 3);

  const tags = await slb.request('ListTagResources', {
    RegionId: REGION, ResourceType: 'listener', ResourceId: [`${world.lbId}_tcp_80`],
  });
  assert.deepEqual(plain(tags.TagResources.TagResource), [
    { ResourceId: `${world.lbId}_tcp_80`, ResourceType: 'listener', TagKey: 'team', TagValue: 'pop-core' },
  ]);

  const groups = await slb.request('DescribeVServerGroups', {
    RegionId: REGION, LoadBalancerId: world.lbId, IncludeListener: true,
  });
  const [vg] = groups.VServerGroups.VServerGroup;
  assert.equal(vg.VServerGroupId, g.VServerGroupId);
  assert.deepEqual(plain(vg.AssociatedObjects.Listeners.Listener), [{ Protocol: 'tcp', Port: 80 }]);
});
