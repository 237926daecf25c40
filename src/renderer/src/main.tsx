import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connect } from './rpc/client';
import './styles.css';

const connection = connect();
window.addEventListener('beforeunload', () => connection.dispose());

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App api={connection.api} />
  </StrictMode>,
);
