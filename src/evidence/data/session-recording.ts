/**
 * Session-recording (replay) vendors. third-party-web has no such category (it files
 * Hotjar under analytics and Microsoft Clarity under utility), yet recording every click
 * and keystroke is tracking a policy must disclose. Each row cites the vendor's own public
 * page describing the product. Domains are registrable domains; `hosts` are exact hosts
 * for vendors served from a shared CDN name. Data only; matching lives in third-party.ts.
 */

export interface SessionRecordingVendor {
  vendor: string;
  domains: string[];
  hosts?: string[];
  source: string;
}

export const SESSION_RECORDING_VENDORS: readonly SessionRecordingVendor[] = [
  { vendor: 'Hotjar', domains: ['hotjar.com', 'hotjar.io'], source: 'https://www.hotjar.com/session-recordings/' },
  { vendor: 'FullStory', domains: ['fullstory.com'], source: 'https://www.fullstory.com/platform/session-replay/' },
  { vendor: 'Microsoft Clarity', domains: ['clarity.ms'], source: 'https://learn.microsoft.com/en-us/clarity/setup-and-installation/cookie-list' },
  { vendor: 'Smartlook', domains: ['smartlook.com', 'smartlook.cloud'], source: 'https://www.smartlook.com/session-recordings/' },
  { vendor: 'Mouseflow', domains: ['mouseflow.com'], source: 'https://mouseflow.com/features/session-replay/' },
  { vendor: 'LogRocket', domains: ['logrocket.io', 'logrocket.com', 'lr-ingest.io', 'lr-ingest.com', 'lr-in.com', 'lr-in-prod.com'], source: 'https://docs.logrocket.com/docs/session-replay' },
  { vendor: 'Lucky Orange', domains: ['luckyorange.com', 'luckyorange.net'], hosts: ['d10lpsik1i8c69.cloudfront.net'], source: 'https://www.luckyorange.com/session-recordings' },
  { vendor: 'Inspectlet', domains: ['inspectlet.com'], source: 'https://www.inspectlet.com/' },
  { vendor: 'Crazy Egg', domains: ['crazyegg.com'], source: 'https://www.crazyegg.com/recordings' },
  { vendor: 'Contentsquare', domains: ['contentsquare.net', 'contentsquare.com'], source: 'https://contentsquare.com/platform/session-replay/' },
  { vendor: 'Quantum Metric', domains: ['quantummetric.com'], source: 'https://www.quantummetric.com/platform/session-replay/' },
  { vendor: 'Glassbox', domains: ['glassboxdigital.io', 'glassbox.com'], source: 'https://www.glassbox.com/session-replay/' },
];
