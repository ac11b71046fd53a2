declare module 'rabbit-node' {
  export function uni2zg(text: string): string;
  export function zg2uni(text: string): string;
}
