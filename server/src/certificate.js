// A self-signed certificate for the domain when the operator gives none (pure JavaScript via
// the selfsigned package: no openssl binary needed). Clients must be told to accept it.
import { generate } from 'selfsigned';

export async function selfSignedCertificate(domain) {
  const notAfterDate = new Date(Date.now() + 365 * 24 * 3600 * 1000);
  const pems = await generate([{ name: 'commonName', value: domain }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notAfterDate,
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: domain }] }],
  });
  return { cert: pems.cert, key: pems.private };
}
