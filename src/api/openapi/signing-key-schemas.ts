/** GET /v1/signing-key: the key the served epoch is signed by, and the successor it announces. */
import { z } from '@hono/zod-openapi';

const SigningKey = z.object({
  fingerprint: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .openapi({
      description: 'Hex of the first 16 bytes of SHA-256 over the 32 key bytes (docs/FORMAT.md)',
      example: 'bdc6a1f0c2d34e5f60718293a4b5c6d7',
    }),
  publicKey: z.string().openapi({ description: 'The 32-byte Ed25519 public key, standard base64' }),
});

export const SigningKeyResponse = SigningKey.extend({
  next: SigningKey.nullable().openapi({
    description: 'The successor key the served epoch announces (signing-key rotation), if any',
  }),
}).openapi('SigningKey');
