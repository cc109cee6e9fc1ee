import { View, Text } from '@tarojs/components';

export default function Index() {
  return (
    <View>
      <Text>群众评议</Text>
    </View>
  );
}
