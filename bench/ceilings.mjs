// What no parser can beat on the same chunks: decoding the bytes to strings, and touching every
// byte once. They build no stanzas, so they are timed but not verified.
export const ceilings = {
  'TextDecoder (stream)': {
    description: 'streaming TextDecoder over the same chunks, no parsing',
    createParser() {
      let decoder = new TextDecoder();
      let characters = 0;
      return {
        write: (chunk) => void (characters += decoder.decode(chunk, { stream: true }).length),
        end: () => void (characters += decoder.decode().length),
        reset: () => void (decoder = new TextDecoder()),
      };
    },
  },
  'byte scan': {
    description: "a plain loop counting '<' bytes",
    createParser() {
      let tags = 0;
      return {
        write(chunk) {
          for (let i = 0; i < chunk.length; i++) if (chunk[i] === 60) tags++;
        },
        end() {
          return tags;
        },
        reset() {},
      };
    },
  },
};
