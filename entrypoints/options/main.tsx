import { render } from 'preact';
import '@/components/ui/theme.css';
import { App } from './app';

const root = document.getElementById('app');
if (root) render(<App />, root);
