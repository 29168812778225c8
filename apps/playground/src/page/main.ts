import './styles.css';
import { startPlayground } from './app';

startPlayground();
