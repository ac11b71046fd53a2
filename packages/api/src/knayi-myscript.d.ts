declare module 'knayi-myscript' {
  type FontName = 'unicode' | 'zawgyi';
  const knayi: {
    setGlobalOptions(options: { silent_mode?: boolean }): void;
    fontDetect(content: string, fallbackFontType?: FontName): FontName | 'en';
    fontConvert(content: string, targetFontType: FontName, originalFontType?: FontName): string;
  };
  export default knayi;
}
