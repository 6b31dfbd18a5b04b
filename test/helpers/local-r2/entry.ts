/**
 * Worker for the local R2 harness (../local-r2.ts). Wrangler itself serves the S3 endpoint under
 * /cdn-cgi/local/r2/s3/; this worker reads the same bucket through its R2 binding, so tests can check
 * that objects written over S3 are what a worker sees.
 */
interface R2ObjectBody {
  arrayBuffer(): Promise<ArrayBuffer>;
  httpEtag: string;
}

interface Env {
  BUCKET: { get(key: string): Promise<R2ObjectBody | null> };
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const { pathname } = new URL(request.url);
    if (pathname === '/health') return new Response('ok');
    if (pathname.startsWith('/object/')) {
      const object = await env.BUCKET.get(decodeURIComponent(pathname.slice('/object/'.length)));
      if (!object) return new Response('not found', { status: 404 });
      return new Response(await object.arrayBuffer(), { headers: { etag: object.httpEtag } });
    }
    return new Response('not found', { status: 404 });
  },
};
