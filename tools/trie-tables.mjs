// Multi-level lookup tables shared by the table generators: one value per code point, stored
// as deduplicated blocks so that the many uniform regions of the code space are kept once.

const maxOf = (values) => values.reduce((max, v) => Math.max(max, v), 0);

/** Splits `values` into blocks of `size`; identical blocks are stored once. */
export function dedupBlocks(values, size) {
  const seen = new Map();
  const index = [];
  const blocks = [];
  for (let start = 0; start < values.length; start += size) {
    const block = values.slice(start, start + size);
    const key = block.join(',');
    let at = seen.get(key);
    if (at === undefined) {
      at = seen.size;
      seen.set(key, at);
      blocks.push(...block);
    }
    index.push(at);
  }
  return { index, blocks };
}

// Three-level trie: cp >> (inner + outer) picks a deduplicated block of block indices, which
// picks a deduplicated block of values. Most of the 17 planes are uniform, so they collapse.
export function threeLevel(values, innerShift, outerShift, leafMax) {
  const leaves = dedupBlocks(values, 1 << innerShift);
  const middle = dedupBlocks(leaves.index, 1 << outerShift);
  if (maxOf(leaves.blocks) > leafMax || maxOf(middle.blocks) > 0xffff || maxOf(middle.index) > 0xff) {
    throw new Error('trie values do not fit their element types');
  }
  return { top: middle.index, middle: middle.blocks, leaves: leaves.blocks };
}

// Record offsets grow through each block, so leaves hold small offsets relative to a base kept
// next to the leaf index in the middle level (leaf << 16 | base): regular blocks (the
// mathematical alphanumerics, the CJK compatibility ideographs) then share one leaf.
export function threeLevelRelative(offsets, innerShift, outerShift) {
  const size = 1 << innerShift;
  const relative = [];
  const bases = [];
  for (let start = 0; start < offsets.length; start += size) {
    const block = offsets.slice(start, start + size);
    const base = Math.min(...block.filter((o) => o > 0), 0x10000) & 0xffff;
    if (offsets.length && maxOf(block) > 0xffff) throw new Error('record pool too large for 16-bit bases');
    for (const o of block) {
      const r = o ? o - base + 1 : 0; // 0 = no record
      if (r > 0xff) throw new Error(`records of block ${start} span more than 255 units`);
      relative.push(r);
    }
    bases.push(base);
  }
  const leaves = dedupBlocks(relative, size);
  const middle = dedupBlocks(
    leaves.index.map((leaf, i) => leaf * 0x10000 + bases[i]),
    1 << outerShift,
  );
  if (maxOf(leaves.index) > 0xffff || maxOf(middle.index) > 0xff) throw new Error('trie values do not fit');
  return { top: middle.index, middle: middle.blocks, leaves: leaves.blocks };
}

/** Emits `memory.data` constants for AssemblyScript and counts their bytes. */
export function tableWriter() {
  const list = (values, perLine = 32) => {
    const lines = [];
    for (let i = 0; i < values.length; i += perLine) lines.push('  ' + values.slice(i, i + perLine).join(','));
    return lines.join(',\n');
  };
  const sizes = { u8: 1, u16: 2, u32: 4, u64: 8 };
  let total = 0;
  const data = (name, type, values, comment) => {
    total += values.length * sizes[type];
    return `// ${comment} (${values.length} × ${type})\nexport const ${name}: usize = memory.data<${type}>([\n${list(values)},\n]);\n`;
  };
  return { data, bytes: () => total };
}
