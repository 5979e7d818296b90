// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { blockText } from '../../../page/text';
import { parse } from './helpers';

describe('blockText', () => {
  it.each([
    ['<p>First para.</p><p>Second para.</p>', 'First para.\nSecond para.'],
    ['<h2>appearance</h2><p>Czech</p>', 'appearance\nCzech'],
    ['<ul><li>one</li><li>two</li></ul>', 'one\ntwo'],
    ['<p>a   b\n\n c</p>', 'a b c'],
    ['<p>line<br>break</p>', 'line\nbreak'],
    ['<p>in<b>line</b> <i>words</i></p>', 'inline words'],
    ['<div>x<script>var a = 1;</script><style>p{color:red}</style>y</div>', 'xy'],
    ['<table><tr><td>cell one</td><td>cell two</td></tr></table>', 'cell one\ncell two'],
    ['<blockquote>quote</blockquote><figure><img src="a.jpg"><figcaption>caption</figcaption></figure>', 'quote\ncaption'],
    ['<p> </p><p></p>', ''],
  ])('%s', (html, expected) => {
    const doc = parse(`<html><body><div id="root">${html}</div></body></html>`);
    expect(blockText(doc.querySelector('#root')!)).toBe(expected);
  });
});
