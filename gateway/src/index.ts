import { runService } from '@practice/common';
import { loadGatewayConfig } from './config';
import { startGateway } from './gateway';

export { startGateway, loadGatewayConfig };

if (require.main === module) {
  runService('gateway', async () => {
    const running = await startGateway(loadGatewayConfig());
    running.log.info('gateway ready', { url: running.url });
    return running;
  });
}
