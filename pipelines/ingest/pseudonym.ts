// Seeker ids become keyed hashes (HMAC-SHA-256) on arrival. The key comes from
// SINERGI_PSEUDONYM_KEY or from a key file created on first use with a random key and
// owner-only permissions, kept outside the warehouse. The hash itself is computed in
// DuckDB from the key's inner and outer pads (see seekers_validate.sql).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface PseudonymKey { ipad: string; opad: string }

export function loadPseudonymKey(configured: string | undefined, keyFile: string): { key: PseudonymKey; created: boolean } {
  let hex = configured;
  let created = false;
  if (!hex) {
    if (fs.existsSync(keyFile)) {
      hex = fs.readFileSync(keyFile, 'utf8').trim();
      if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error(`${keyFile}: not a pseudonymisation key (expected 64 hexadecimal characters)`);
    } else {
      hex = crypto.randomBytes(32).toString('hex');
      fs.mkdirSync(path.dirname(keyFile), { recursive: true, mode: 0o700 });
      fs.writeFileSync(keyFile, `${hex}\n`, { mode: 0o600, flag: 'wx' });
      created = true;
    }
  }
  return { key: pads(Buffer.from(hex, 'hex')), created };
}

/** HMAC's key pads (RFC 2104) for a key of at most one SHA-256 block. */
export function pads(key: Buffer): PseudonymKey {
  const block = Buffer.alloc(64);
  key.copy(block);
  return {
    ipad: Buffer.from(block.map((b) => b ^ 0x36)).toString('hex'),
    opad: Buffer.from(block.map((b) => b ^ 0x5c)).toString('hex'),
  };
}
