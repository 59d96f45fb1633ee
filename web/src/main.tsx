import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@digital-go-jp/design-tokens/dist/tokens.css';
import './app/styles.css';
import './app/i18n';
import { App } from './app/App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
